package io.ballast.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Routing of one MoE layer: each token goes to the top-K experts by affinity + skew + bias, where the per-token
 * affinity is a fixed per-expert preference plus seeded noise. The bias is what the pipeline's bias updates set,
 * so a skewed expert's load falls when its bias is lowered.
 */
final class Router {
    /** Spread of a token's affinity to an expert; the scale on which bias updates (0.001 per step) act. */
    static final double TOKEN_NOISE = 0.02;
    /** Skew (in units of TOKEN_NOISE) that makes one of 16 experts with top-2 win ~3x its share of tokens. */
    static final double HOT_SKEW = 0.9;

    private final int topK;
    private final double[] preference;
    private final double[] skew;
    private volatile double[] bias;
    private final SplittableRandom random;

    Router(int experts, int topK, SplittableRandom random) {
        this.topK = topK;
        this.random = random;
        this.preference = new double[experts];
        for (int e = 0; e < experts; e++) {
            preference[e] = 0.1 * TOKEN_NOISE * random.nextGaussian();
        }
        this.skew = new double[experts];
        this.bias = new double[experts];
    }

    int experts() {
        return preference.length;
    }

    void makeHot(int expert) {
        skew[expert] = HOT_SKEW * TOKEN_NOISE;
    }

    void applyBias(double[] newBias) {
        if (newBias.length != preference.length) {
            throw new IllegalArgumentException("bias has " + newBias.length + " entries, the layer has " + preference.length + " experts");
        }
        bias = newBias.clone();
    }

    double[] bias() {
        return bias.clone();
    }

    /** Tokens routed to each expert when {@code tokens} tokens pass through the layer. */
    long[] route(int tokens) {
        int n = preference.length;
        double[] base = new double[n];
        double[] current = bias;
        for (int e = 0; e < n; e++) {
            base[e] = preference[e] + skew[e] + current[e];
        }
        long[] counts = new long[n];
        double[] score = new double[n];
        for (int t = 0; t < tokens; t++) {
            for (int e = 0; e < n; e++) {
                score[e] = base[e] + TOKEN_NOISE * random.nextGaussian();
            }
            for (int k = 0; k < topK; k++) {
                int best = 0;
                for (int e = 1; e < n; e++) {
                    if (score[e] > score[best]) {
                        best = e;
                    }
                }
                counts[best]++;
                score[best] = Double.NEGATIVE_INFINITY;
            }
        }
        return counts;
    }

    @Override
    public String toString() {
        return "Router" + Arrays.toString(bias);
    }
}
