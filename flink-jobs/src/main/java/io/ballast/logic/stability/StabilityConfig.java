package io.ballast.logic.stability;

import java.io.Serializable;

/**
 * Windows and thresholds of the training-stability logic; defaults from domain.md §5 (PaLM rollback and batch skip,
 * BLOOM's ~30-step transient, FF2/Llama SDC rates).
 *
 * @param spikeWindow recent non-spike steps kept for the rolling median and MAD
 * @param minSamples steps in the window before any spike can be judged
 * @param warmupSteps first steps never judged (the steep early fall); NaN/Inf still count
 * @param spikeZ robust z, (x - median) / (1.4826 MAD), above which a value is a spike
 * @param lossMinRelativeJump a loss spike must also exceed median * (1 + this)
 * @param gradNormMinRelativeJump a grad-norm spike must also exceed median * (1 + this)
 * @param recoveryZ robust z under which the loss is back in the median band
 * @param recoverySteps consecutive in-band steps that end an incident
 * @param persistAfterSteps R: an incident not back in band within R steps of onset is persistent
 * @param stepIndexCapacity ts -> step samples kept per job
 * @param stepIndexSpacingMs minimum event-time gap between two samples of that index
 * @param checkpointRetention saved checkpoints kept per job (the newest K by step)
 * @param evidenceLookbackMs hardware/SDC evidence this long before the spike onset can move the target earlier
 * @param rollbackMarginSteps without hardware evidence, the target must be before onset - margin (PaLM used ~100;
 *     0 = the contract's "newest before the onset")
 * @param skipBeforeOnset data batches skipped before the onset (never before the target)
 * @param skipAfterOnset data batches skipped from the onset on
 * @param sdcSuspectWindowMs a failed SDC check keeps its node suspect this long, and links to spikes this close
 * @param sdcDrainFailures failed checks within sdcDrainWindowMs that suggest a drain without any spike
 * @param sdcDrainWindowMs window of the repeated-failure rule
 */
public record StabilityConfig(
        int spikeWindow,
        int minSamples,
        long warmupSteps,
        double spikeZ,
        double lossMinRelativeJump,
        double gradNormMinRelativeJump,
        double recoveryZ,
        int recoverySteps,
        int persistAfterSteps,
        int stepIndexCapacity,
        long stepIndexSpacingMs,
        int checkpointRetention,
        long evidenceLookbackMs,
        long rollbackMarginSteps,
        long skipBeforeOnset,
        long skipAfterOnset,
        long sdcSuspectWindowMs,
        int sdcDrainFailures,
        long sdcDrainWindowMs) implements Serializable {

    public StabilityConfig {
        if (spikeWindow < 3 || minSamples < 3 || minSamples > spikeWindow) {
            throw new IllegalArgumentException("need 3 <= minSamples <= spikeWindow, got minSamples=" + minSamples
                    + " spikeWindow=" + spikeWindow);
        }
        if (recoverySteps < 1 || persistAfterSteps < 1 || checkpointRetention < 1 || stepIndexCapacity < 2) {
            throw new IllegalArgumentException(
                    "recoverySteps, persistAfterSteps, checkpointRetention must be >= 1 and stepIndexCapacity >= 2");
        }
        if (sdcDrainFailures < 1) {
            throw new IllegalArgumentException("sdcDrainFailures must be >= 1, got " + sdcDrainFailures);
        }
    }

    public static StabilityConfig defaults() {
        return new StabilityConfig(100, 20, 100, 6.0, 0.1, 1.0, 3.0, 3, 30, 2048, 1_000, 16,
                15 * 60_000L, 0, 100, 200, 60 * 60_000L, 2, 6 * 60 * 60_000L);
    }

    public StabilityConfig withCheckpointRetention(int keep) {
        return new StabilityConfig(spikeWindow, minSamples, warmupSteps, spikeZ, lossMinRelativeJump,
                gradNormMinRelativeJump, recoveryZ, recoverySteps, persistAfterSteps, stepIndexCapacity,
                stepIndexSpacingMs, keep, evidenceLookbackMs, rollbackMarginSteps, skipBeforeOnset, skipAfterOnset,
                sdcSuspectWindowMs, sdcDrainFailures, sdcDrainWindowMs);
    }

    public StabilityConfig withRollbackMarginSteps(long margin) {
        return new StabilityConfig(spikeWindow, minSamples, warmupSteps, spikeZ, lossMinRelativeJump,
                gradNormMinRelativeJump, recoveryZ, recoverySteps, persistAfterSteps, stepIndexCapacity,
                stepIndexSpacingMs, checkpointRetention, evidenceLookbackMs, margin, skipBeforeOnset, skipAfterOnset,
                sdcSuspectWindowMs, sdcDrainFailures, sdcDrainWindowMs);
    }

    public StabilityConfig withWarmupSteps(long steps) {
        return new StabilityConfig(spikeWindow, minSamples, steps, spikeZ, lossMinRelativeJump,
                gradNormMinRelativeJump, recoveryZ, recoverySteps, persistAfterSteps, stepIndexCapacity,
                stepIndexSpacingMs, checkpointRetention, evidenceLookbackMs, rollbackMarginSteps, skipBeforeOnset,
                skipAfterOnset, sdcSuspectWindowMs, sdcDrainFailures, sdcDrainWindowMs);
    }
}
