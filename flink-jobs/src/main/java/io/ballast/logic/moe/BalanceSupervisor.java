package io.ballast.logic.moe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Watches one (job, layer) for the balance failures of domain.md §1.6: dead experts, MaxVio not decaying after
 * warm-up, an expert starved although its bias keeps rising, and update signs oscillating while balance stays poor
 * (u too high, LFB Fig. 4). Emits each condition once when it starts and once when it clears.
 */
public class BalanceSupervisor implements Serializable {
    public static final String DEAD_EXPERT = "moe_dead_expert";
    public static final String MAXVIO_NOT_DECAYING = "moe_maxvio_not_decaying";
    public static final String EXPERT_STARVED = "moe_expert_starved";
    public static final String BIAS_OSCILLATION = "moe_bias_oscillation";

    private final MoeConfig config;

    public BalanceSupervisor(MoeConfig config) {
        this.config = config;
    }

    /** Feeds one applied (or frozen) step; {@code result} is the controller's publication for it. */
    public List<AlertFinding> observe(BalanceState state, String job, int layer, long[] counts, BiasResult result) {
        int n = counts.length;
        if (state.zeroStreak == null || state.zeroStreak.length != n) {
            reset(state, n);
        }
        state.stepsSeen++;
        double maxVio = MaxVio.batch(counts);
        state.rollingMaxVio.add(maxVio);
        double rolling = state.rollingMaxVio.value();
        double mean = MaxVio.mean(counts);
        int oscillating = 0;
        for (int i = 0; i < n; i++) {
            state.zeroStreak[i] = counts[i] == 0 ? state.zeroStreak[i] + 1 : 0;
            boolean rose = result.updateRate() > 0 && result.signs()[i] > 0;
            state.riseStreak[i] = rose ? state.riseStreak[i] + 1 : 0;
            int sign = result.signs()[i];
            boolean flipped = sign != 0 && state.lastSign[i] != 0 && sign != state.lastSign[i];
            state.flipBits[i] = ((state.flipBits[i] << 1) | (flipped ? 1 : 0)) & windowMask();
            if (sign != 0) {
                state.lastSign[i] = sign;
            }
        }
        state.flipSamples = Math.min(state.flipSamples + 1, transitionsInWindow());

        List<AlertFinding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> labels = Map.of("job", job, "layer", Integer.toString(layer), "expert",
                    Integer.toString(i));
            int expert = i;
            transition(state, out, state.zeroStreak[i] >= config.deadExpertSteps(), DEAD_EXPERT, labels,
                    () -> new AlertFinding(DEAD_EXPERT, "warning", AlertFinding.FIRING, "expert " + expert + " of layer " + layer
                            + " received no tokens for " + state.zeroStreak[expert] + " consecutive steps", labels));
            boolean starved = state.riseStreak[i] >= config.starvationSteps()
                    && counts[i] < config.starvationLoadFraction() * mean;
            transition(state, out, starved, EXPERT_STARVED, labels, () -> new AlertFinding(EXPERT_STARVED, "warning", AlertFinding.FIRING,
                    "expert " + expert + " of layer " + layer + " gets " + counts[expert] + " tokens (mean "
                            + String.format("%.1f", mean) + ") although its bias rose for " + state.riseStreak[expert]
                            + " steps", labels));
            if (state.flipSamples >= transitionsInWindow()
                    && Long.bitCount(state.flipBits[i]) > config.oscillationFlipFraction() * transitionsInWindow()) {
                oscillating++;
            }
        }
        Map<String, String> layerLabels = Map.of("job", job, "layer", Integer.toString(layer));
        boolean notDecaying = state.stepsSeen >= config.warmupSteps() && state.rollingMaxVio.isFull()
                && rolling > config.maxVioThreshold();
        transition(state, out, notDecaying, transitionsInWindow(), MAXVIO_NOT_DECAYING, layerLabels, () -> new AlertFinding(MAXVIO_NOT_DECAYING, "warning", AlertFinding.FIRING,
                String.format("rolling MaxVio of layer %d is %.3f after %d steps (threshold %.3f)", layer, rolling,
                        state.stepsSeen, config.maxVioThreshold()), layerLabels));
        // A sign controller flips near its balance point by design; flips matter only while balance stays poor.
        boolean oscillation = oscillating > config.oscillationExpertFraction() * n
                && rolling > config.oscillationMaxVioFloor();
        int flipping = oscillating;
        transition(state, out, oscillation, transitionsInWindow(), BIAS_OSCILLATION, layerLabels, () -> new AlertFinding(BIAS_OSCILLATION, "warning", AlertFinding.FIRING,
                String.format("%d of %d experts of layer %d flip their update sign on most steps while rolling MaxVio"
                        + " is %.3f: the update rate is likely too high", flipping, n, layer, rolling),
                layerLabels));
        return out;
    }

    /** Experts that received no tokens for at least {@code deadExpertSteps} consecutive steps. */
    public int deadExperts(BalanceState state) {
        int dead = 0;
        if (state.zeroStreak != null) {
            for (int streak : state.zeroStreak) {
                dead += streak >= config.deadExpertSteps() ? 1 : 0;
            }
        }
        return dead;
    }

    private static void transition(BalanceState state, List<AlertFinding> out, boolean active, String name, Map<String, String> labels,
                                   Supplier<AlertFinding> firing) {
        transition(state, out, active, 1, name, labels, firing);
    }

    /**
     * Fires when the condition starts; resolves once it has been false for {@code clearSteps} steps in a row.
     * Windowed conditions hover around their threshold: without that hysteresis they page on-call every few steps.
     */
    // The finding is built only on a transition: its summary formats numbers, and this runs per expert per step.
    private static void transition(BalanceState state, List<AlertFinding> out, boolean active, int clearSteps, String name,
                                   Map<String, String> labels, Supplier<AlertFinding> firing) {
        String key = AlertFinding.keyOf(name, labels);
        boolean wasActive = state.firing.contains(key);
        if (active) {
            state.quietSteps.remove(key);
            if (!wasActive) {
                state.firing.add(key);
                out.add(firing.get());
            }
        } else if (wasActive && state.quietSteps.merge(key, 1, Integer::sum) >= clearSteps) {
            state.quietSteps.remove(key);
            state.firing.remove(key);
            AlertFinding f = firing.get();
            out.add(new AlertFinding(f.name(), f.severity(), AlertFinding.RESOLVED, "resolved: " + f.name() + " " + f.labels(), f.labels()));
        }
    }

    private void reset(BalanceState state, int n) {
        state.rollingMaxVio = new RollingMaxVio(config.maxVioWindow());
        state.zeroStreak = new int[n];
        state.riseStreak = new int[n];
        state.lastSign = new int[n];
        state.flipBits = new long[n];
        state.flipSamples = 0;
        state.stepsSeen = 0;
    }

    private int transitionsInWindow() {
        return config.oscillationWindow() - 1;
    }

    private long windowMask() {
        return (1L << transitionsInWindow()) - 1;
    }
}
