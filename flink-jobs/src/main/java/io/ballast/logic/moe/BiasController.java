package io.ballast.logic.moe;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loss-Free Balancing bias controller of one (job, layer): after each complete step
 * {@code b_i <- b_i + u * sign(mean - c_i)} (LFB Algorithm 1; under-loaded experts rise, over-loaded fall,
 * exactly-average ones stay). Honours the freeze schedule, ignores stale steps and adds bounded host offsets.
 */
public class BiasController implements Serializable {
    private final MoeConfig config;

    public BiasController(MoeConfig config) {
        this.config = config;
    }

    /**
     * Applies one step's global counts.
     *
     * @param jobRate the job's {@code bias_update_rate}, or null for the configured rate
     * @param tokensSeen cumulative training tokens up to this step (for a token-based freeze), or null
     */
    public BiasOutcome apply(BiasState state, long step, long[] counts, Double jobRate, Long tokensSeen) {
        if (counts == null || counts.length == 0) {
            return new BiasOutcome(BiasOutcome.Kind.REJECTED, null, "counts is empty");
        }
        if (state.bias != null && state.bias.length != counts.length) {
            return new BiasOutcome(BiasOutcome.Kind.REJECTED, null, "step " + step + " has " + counts.length
                    + " experts but the layer's bias has " + state.bias.length);
        }
        if (step <= state.lastStep) {
            state.staleLoads++;
            return new BiasOutcome(BiasOutcome.Kind.STALE, null,
                    "step " + step + " is not newer than the last applied step " + state.lastStep);
        }
        if (state.bias == null) {
            state.bias = new double[counts.length];
        }
        double u = config.rateFor(step, tokensSeen, jobRate);
        double mean = MaxVio.mean(counts);
        int[] signs = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            // e_i = mean - c_i: positive means under-loaded, so the bias rises.
            signs[i] = (int) Math.signum(mean - counts[i]);
            state.bias[i] += u * signs[i];
        }
        state.lastStep = step;
        BiasResult result = publish(state, step, u, MaxVio.batch(counts), signs);
        return new BiasOutcome(u == 0.0 ? BiasOutcome.Kind.FROZEN : BiasOutcome.Kind.APPLIED, result, null);
    }

    /** Counts a step whose aggregation timed out; the bias stays as it was (never a partial sum). */
    public void recordIncomplete(BiasState state, long step) {
        state.incompleteSteps++;
    }

    /**
     * Pushes experts hosted on a degraded GPU away with a negative offset, clamped to
     * [-maxHostOffset, 0]. Returns a new publication when the layer already has a bias.
     */
    public Optional<BiasResult> setHostPenalty(BiasState state, int[] experts, double offset, String reason) {
        double bounded = -Math.min(Math.abs(offset), config.maxHostOffset());
        for (int expert : experts) {
            if (expert < 0) {
                continue;
            }
            state.hostOffsets.put(expert, bounded);
            state.hostOffsetReasons.put(expert, reason);
        }
        return republish(state);
    }

    /**
     * Makes the layer's offsets exactly {@code penalties} (each clamped to [-maxHostOffset, 0]) without publishing:
     * the next step's publication carries them. Returns whether anything changed.
     */
    public boolean syncHostPenalties(BiasState state, HostPenalties penalties) {
        Map<Integer, Double> bounded = new TreeMap<>();
        penalties.offsets().forEach((expert, offset) -> {
            if (expert >= 0) {
                bounded.put(expert, -Math.min(Math.abs(offset), config.maxHostOffset()));
            }
        });
        Map<Integer, String> reasons = new TreeMap<>(penalties.reasons());
        reasons.keySet().retainAll(bounded.keySet());
        if (new TreeMap<>(state.hostOffsets).equals(bounded) && new TreeMap<>(state.hostOffsetReasons).equals(reasons)) {
            return false;
        }
        state.hostOffsets = new java.util.HashMap<>(bounded);
        state.hostOffsetReasons = new java.util.HashMap<>(reasons);
        return true;
    }

    /** Removes the offsets of these experts (their GPU recovered). */
    public Optional<BiasResult> clearHostPenalty(BiasState state, int[] experts) {
        boolean changed = false;
        for (int expert : experts) {
            changed |= state.hostOffsets.remove(expert) != null;
            state.hostOffsetReasons.remove(expert);
        }
        return changed ? republish(state) : Optional.empty();
    }

    private Optional<BiasResult> republish(BiasState state) {
        if (state.bias == null) {
            return Optional.empty();
        }
        return Optional.of(publish(state, state.lastStep, 0.0, Double.NaN, new int[state.bias.length]));
    }

    private BiasResult publish(BiasState state, long step, double u, double maxVio, int[] signs) {
        state.version++;
        double[] published = state.bias.clone();
        Map<Integer, Double> offsets = new TreeMap<>();
        Map<Integer, String> reasons = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : state.hostOffsets.entrySet()) {
            // Offsets for experts beyond this layer's width are kept but have nothing to act on.
            if (e.getKey() < published.length) {
                published[e.getKey()] += e.getValue();
                offsets.put(e.getKey(), e.getValue());
                reasons.put(e.getKey(), state.hostOffsetReasons.get(e.getKey()));
            }
        }
        return new BiasResult(step, state.version, published, state.bias.clone(), offsets, reasons, u, maxVio, signs);
    }
}
