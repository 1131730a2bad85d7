package io.ballast.logic.moe;

import java.util.Map;

/**
 * One publication of a layer's router bias: everything a {@code bias_update} needs plus the parts the supervisor
 * and dashboards use.
 *
 * @param step step whose loads produced this bias (the last applied step for an offset change)
 * @param version +1 per publication of this (job, layer)
 * @param publishedBias controller bias plus host offsets: what trainers apply
 * @param controllerBias the LFB bias alone
 * @param hostOffsets non-zero offsets by expert, reported separately
 * @param updateRate u used for this step (0 when frozen or for an offset-only change)
 * @param maxVio MaxVio_batch of the step (NaN for an offset-only change)
 * @param signs sign(mean - c_i) of each expert for this step (all 0 for an offset-only change)
 */
public record BiasResult(long step, long version, double[] publishedBias, double[] controllerBias,
                         Map<Integer, Double> hostOffsets, Map<Integer, String> hostOffsetReasons, double updateRate,
                         double maxVio, int[] signs) {

    public boolean frozen() {
        return updateRate == 0.0;
    }
}
