package io.ballast.logic.moe;

import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state of the bias controller for one (job, layer). Flink POJO. Offsets from degraded hosts are kept apart
 * from the controller bias so the LFB rule never learns them and removing one restores the plain bias.
 */
public class BiasState {
    /** Controller bias b_i (LFB Algorithm 1); null until the first complete step. */
    public double[] bias;
    /** Published versions so far; the next publication gets version + 1. */
    public long version;
    /** Step of the last applied load; Long.MIN_VALUE before the first. */
    public long lastStep = Long.MIN_VALUE;
    /** Negative hardware offsets by expert index (<= 0, bounded by MoeConfig.maxHostOffset). */
    public Map<Integer, Double> hostOffsets = new HashMap<>();
    /** Why each expert carries an offset. */
    public Map<Integer, String> hostOffsetReasons = new HashMap<>();
    /** Steps whose aggregation timed out (bias left unchanged). */
    public long incompleteSteps;
    /** Loads ignored because their step was not newer than lastStep. */
    public long staleLoads;

    public BiasState() {}
}
