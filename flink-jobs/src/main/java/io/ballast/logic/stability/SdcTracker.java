package io.ballast.logic.stability;

import io.ballast.events.SdcCheck;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-node silent-data-corruption bookkeeping (domain.md §2.7): a failed check makes the node suspect for a
 * window; a spike on a job of a suspect node means roll back and drain; repeated failures without any spike still
 * suggest a drain. A passed check never clears a failure: a mercurial core fails intermittently.
 */
public class SdcTracker implements Serializable {
    private final StabilityConfig config;

    public SdcTracker(StabilityConfig config) {
        this.config = config;
    }

    public SdcVerdict onCheck(SdcState state, SdcCheck check) {
        return onCheck(state, check.getNode(), check.getGpu(), check.getStep(), check.getCheck(), check.getPassed(),
                check.getDetail(), check.getTs());
    }

    public SdcVerdict onCheck(SdcState state, String node, Integer gpu, Long step, String check, boolean passed,
                              String detail, long ts) {
        state.node = node;
        if (passed) {
            return SdcVerdict.none(node);
        }
        prune(state, ts);
        state.failureTs.add(ts);
        state.failureSteps.add(step);
        state.failureDetails.add(check + " failed" + (gpu == null ? "" : " on gpu " + gpu)
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
        if (state.lastSpikeJob != null && Math.abs(ts - state.lastSpikeTs) <= config.sdcSuspectWindowMs()) {
            return rollbackAndDrain(state, ts);
        }
        if (state.failureTs.size() >= config.sdcDrainFailures() && drainAllowed(state, ts)) {
            state.drainSuggestedTs = ts;
            return new SdcVerdict(SdcVerdict.Kind.DRAIN, node, null, state.failureTs.size()
                    + " failed SDC checks within " + minutes(config.sdcDrainWindowMs()) + " min on " + node,
                    evidence(state, ts - config.sdcDrainWindowMs()));
        }
        return new SdcVerdict(SdcVerdict.Kind.SUSPECT, node, null, check + " failed on " + node
                + "; node suspect for " + minutes(config.sdcSuspectWindowMs()) + " min",
                evidence(state, ts - config.sdcSuspectWindowMs()));
    }

    /** A spike incident opened on a job that runs on this node. */
    public SdcVerdict onSpike(SdcState state, String node, String job, long onsetStep, long onsetTs) {
        state.node = node;
        state.lastSpikeTs = onsetTs;
        state.lastSpikeJob = job;
        state.lastSpikeOnsetStep = onsetStep;
        if (isSuspect(state, onsetTs)) {
            return rollbackAndDrain(state, onsetTs);
        }
        return SdcVerdict.none(node);
    }

    /** A failed check within the suspect window around {@code ts}. */
    public boolean isSuspect(SdcState state, long ts) {
        return state.failureTs.stream().anyMatch(f -> Math.abs(ts - f) <= config.sdcSuspectWindowMs());
    }

    /** Failed checks since {@code fromTs}, as evidence for the rollback planner. */
    public List<Evidence> evidence(SdcState state, long fromTs) {
        List<Evidence> out = new ArrayList<>();
        for (int i = 0; i < state.failureTs.size(); i++) {
            if (state.failureTs.get(i) >= fromTs) {
                out.add(new Evidence(Evidence.Kind.SDC_FAILED, state.node, state.failureTs.get(i),
                        state.failureSteps.get(i), state.failureDetails.get(i)));
            }
        }
        return out;
    }

    private SdcVerdict rollbackAndDrain(SdcState state, long ts) {
        state.drainSuggestedTs = ts;
        return new SdcVerdict(SdcVerdict.Kind.ROLLBACK_AND_DRAIN, state.node, state.lastSpikeJob,
                "failed SDC check on " + state.node + " and a loss spike on job " + state.lastSpikeJob
                        + " from step " + state.lastSpikeOnsetStep,
                evidence(state, state.lastSpikeTs - config.sdcSuspectWindowMs()));
    }

    private boolean drainAllowed(SdcState state, long ts) {
        return state.drainSuggestedTs == Long.MIN_VALUE || ts - state.drainSuggestedTs > config.sdcDrainWindowMs();
    }

    private void prune(SdcState state, long now) {
        long keepFrom = now - Math.max(config.sdcDrainWindowMs(), config.sdcSuspectWindowMs());
        while (!state.failureTs.isEmpty() && state.failureTs.get(0) < keepFrom) {
            state.failureTs.remove(0);
            state.failureSteps.remove(0);
            state.failureDetails.remove(0);
        }
    }

    private static long minutes(long ms) {
        return ms / 60_000;
    }
}
