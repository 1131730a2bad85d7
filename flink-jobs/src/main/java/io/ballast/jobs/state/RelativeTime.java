package io.ballast.jobs.state;

/**
 * A timestamp as its distance from a base time, for varints: a baseline taken seconds before the node's last sample
 * costs one to three bytes instead of eight. Lossless for every long; {@code unset} (a field's "never" value) is code 0.
 */
final class RelativeTime {
    private RelativeTime() {}

    /** 0 for {@code unset}, else the zigzag of {@code base - t} plus one (modulo 2^64, read unsigned). */
    static long encode(long t, long base, long unset) {
        if (t == unset) {
            return 0;
        }
        long code = zigzag(base - t) + 1;
        // Only t = base + 2^63 wraps to 0; it takes the code that unset would have had, which unset does not use.
        return code == 0 ? natural(unset, base) : code;
    }

    static long decode(long code, long base, long unset) {
        if (code == 0) {
            return unset;
        }
        if (code == natural(unset, base)) {
            return base - Long.MIN_VALUE;
        }
        return base - unzigzag(code - 1);
    }

    private static long natural(long unset, long base) {
        return zigzag(base - unset) + 1;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
