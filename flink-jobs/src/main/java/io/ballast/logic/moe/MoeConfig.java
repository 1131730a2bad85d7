package io.ballast.logic.moe;

import java.io.Serializable;

/**
 * Settings of the MoE balance logic; defaults follow reference/domain.md §1 (LFB u = 0.001, MaxVio smoothed over 100
 * steps, DeepSeek-V3 freezing the bias for its final tokens).
 *
 * @param updateRate bias update speed u when the job does not set {@code bias_update_rate}
 * @param freezeFromStep from this step on u = 0 (bias published unchanged); null = never
 * @param freezeFromTokens from this many cumulative training tokens on u = 0; null = never
 * @param aggregationTimeoutMs event-time wait for all ranks of one (job, step, layer) before giving up
 * @param maxVioWindow steps in the rolling MaxVio (mean of the last N per-step values)
 * @param deadExpertSteps consecutive zero-token steps that make an expert dead
 * @param warmupSteps steps before "MaxVio not decaying" may fire
 * @param maxVioThreshold rolling MaxVio above which balance counts as not achieved after warm-up
 * @param starvationSteps consecutive steps of rising bias that, with a low load, make an expert starved
 * @param starvationLoadFraction load below this fraction of the mean counts as starved
 * @param oscillationWindow recent steps inspected for update-sign flips (at most 63)
 * @param oscillationFlipFraction an expert oscillates when its sign flipped on more than this share of the window
 * @param oscillationExpertFraction the layer oscillates when more than this share of experts oscillate
 * @param oscillationMaxVioFloor oscillation only matters while rolling MaxVio stays above this (see BalanceSupervisor)
 * @param maxHostOffset largest magnitude of the negative bias offset put on experts of a degraded GPU
 * @param hostQuietMs event time without a new hardware finding after which a degraded GPU counts as recovered
 */
public record MoeConfig(
        double updateRate,
        Long freezeFromStep,
        Long freezeFromTokens,
        long aggregationTimeoutMs,
        int maxVioWindow,
        int deadExpertSteps,
        long warmupSteps,
        double maxVioThreshold,
        int starvationSteps,
        double starvationLoadFraction,
        int oscillationWindow,
        double oscillationFlipFraction,
        double oscillationExpertFraction,
        double oscillationMaxVioFloor,
        double maxHostOffset,
        long hostQuietMs) implements Serializable {

    public MoeConfig {
        if (!(updateRate >= 0) || Double.isInfinite(updateRate)) {
            throw new IllegalArgumentException("updateRate must be a finite number >= 0, got " + updateRate);
        }
        if (aggregationTimeoutMs <= 0) {
            throw new IllegalArgumentException("aggregationTimeoutMs must be > 0, got " + aggregationTimeoutMs);
        }
        if (maxVioWindow < 1 || deadExpertSteps < 1 || starvationSteps < 1) {
            throw new IllegalArgumentException("maxVioWindow, deadExpertSteps and starvationSteps must be >= 1");
        }
        if (oscillationWindow < 2 || oscillationWindow > 63) {
            throw new IllegalArgumentException("oscillationWindow must be in [2, 63], got " + oscillationWindow);
        }
        if (hostQuietMs <= 0) {
            throw new IllegalArgumentException("hostQuietMs must be > 0, got " + hostQuietMs);
        }
        if (!(maxHostOffset >= 0)) {
            throw new IllegalArgumentException("maxHostOffset must be >= 0, got " + maxHostOffset);
        }
    }

    /** LFB's best setting, no freeze, 30 s aggregation timeout. */
    public static MoeConfig defaults() {
        return new MoeConfig(0.001, null, null, 30_000, 100, 50, 500, 0.5, 100, 0.1, 20, 0.6, 0.5, 0.2, 0.01, 600_000);
    }

    public MoeConfig withUpdateRate(double rate) {
        return new MoeConfig(rate, freezeFromStep, freezeFromTokens, aggregationTimeoutMs, maxVioWindow,
                deadExpertSteps, warmupSteps, maxVioThreshold, starvationSteps, starvationLoadFraction,
                oscillationWindow, oscillationFlipFraction, oscillationExpertFraction, oscillationMaxVioFloor,
                maxHostOffset, hostQuietMs);
    }

    public MoeConfig withFreeze(Long fromStep, Long fromTokens) {
        return new MoeConfig(updateRate, fromStep, fromTokens, aggregationTimeoutMs, maxVioWindow,
                deadExpertSteps, warmupSteps, maxVioThreshold, starvationSteps, starvationLoadFraction,
                oscillationWindow, oscillationFlipFraction, oscillationExpertFraction, oscillationMaxVioFloor,
                maxHostOffset, hostQuietMs);
    }

    public MoeConfig withHostPenalty(double maxOffset, long quietMs) {
        return new MoeConfig(updateRate, freezeFromStep, freezeFromTokens, aggregationTimeoutMs, maxVioWindow,
                deadExpertSteps, warmupSteps, maxVioThreshold, starvationSteps, starvationLoadFraction,
                oscillationWindow, oscillationFlipFraction, oscillationExpertFraction, oscillationMaxVioFloor,
                maxOffset, quietMs);
    }

    /** Supervisor windows and thresholds in one go (tests and tuning). */
    public MoeConfig withSupervision(int deadSteps, long warmup, double maxVio, int starveSteps, double starveFraction,
                                     int oscWindow, double oscFlips, double oscExperts, double oscFloor) {
        return new MoeConfig(updateRate, freezeFromStep, freezeFromTokens, aggregationTimeoutMs, maxVioWindow,
                deadSteps, warmup, maxVio, starveSteps, starveFraction, oscWindow, oscFlips, oscExperts, oscFloor,
                maxHostOffset, hostQuietMs);
    }

    public MoeConfig withMaxVioWindow(int window) {
        return new MoeConfig(updateRate, freezeFromStep, freezeFromTokens, aggregationTimeoutMs, window,
                deadExpertSteps, warmupSteps, maxVioThreshold, starvationSteps, starvationLoadFraction,
                oscillationWindow, oscillationFlipFraction, oscillationExpertFraction, oscillationMaxVioFloor,
                maxHostOffset, hostQuietMs);
    }

    /**
     * The update speed that applies to a step: 0 once the freeze schedule is reached, else the job's rate if it set
     * one, else {@link #updateRate}.
     */
    public double rateFor(long step, Long tokensSeen, Double jobRate) {
        if (freezeFromStep != null && step >= freezeFromStep) {
            return 0.0;
        }
        if (freezeFromTokens != null && tokensSeen != null && tokensSeen >= freezeFromTokens) {
            return 0.0;
        }
        if (jobRate != null && jobRate >= 0 && Double.isFinite(jobRate)) {
            return jobRate;
        }
        return updateRate;
    }
}
