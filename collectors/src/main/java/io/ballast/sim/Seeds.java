package io.ballast.sim;

import java.util.SplittableRandom;

/** Independent random streams per simulated part, so adding a fault or a job does not change the others' noise. */
final class Seeds {
    private Seeds() {}

    static SplittableRandom random(long seed, String part) {
        long h = 1125899906842597L;
        for (int i = 0; i < part.length(); i++) {
            h = 31 * h + part.charAt(i);
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }
}
