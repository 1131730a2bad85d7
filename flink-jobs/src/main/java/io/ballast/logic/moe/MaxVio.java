package io.ballast.logic.moe;

import java.util.Collection;

/**
 * Maximal load violation of LFB (arXiv 2408.15664 Eq. 4): {@code (max_i c_i - mean) / mean}. 0 means perfectly
 * balanced; 1 means the busiest expert carries twice the average. The rolling form is {@link RollingMaxVio}.
 */
public final class MaxVio {
    private MaxVio() {}

    /** MaxVio_batch of one step's global counts; a step without tokens has no violation (0). */
    public static double batch(long[] counts) {
        if (counts.length == 0) {
            return 0.0;
        }
        long max = Long.MIN_VALUE;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double mean = mean(counts);
        return mean == 0 ? 0.0 : (max - mean) / mean;
    }

    /** Mean tokens per expert: the perfectly balanced load. */
    public static double mean(long[] counts) {
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        return counts.length == 0 ? 0.0 : total / counts.length;
    }

    /** Model-level value as implementations commonly report it: the mean of per-layer values (NaN if none). */
    public static double meanOverLayers(Collection<Double> perLayer) {
        return perLayer.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
