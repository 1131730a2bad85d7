package io.ballast.logic.stability;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Turns a persistent spike plus the hardware/SDC evidence on the job's nodes into one rollback plan per incident.
 * Target: newest saved checkpoint strictly before the first sign of trouble (domain.md §5.2: before the first
 * hardware event when there is one). Skip range, PaLM-style: the batches seen just before and during the spike,
 * {@code [max(target + 1, onset - skipBeforeOnset), onset + skipAfterOnset]} (≈300 batches with the defaults,
 * inside PaLM's 200-500), never reaching back before the target since earlier batches did not spike.
 */
public class RollbackPlanner implements Serializable {
    private final StabilityConfig config;
    private final CheckpointRegistry registry;

    public RollbackPlanner(StabilityConfig config) {
        this.config = config;
        this.registry = new CheckpointRegistry(config);
    }

    /**
     * Plans the rollback of this incident, once: returns empty when the incident already has its plan.
     *
     * @param evidence signals on the job's nodes; those older than onset - lookback are ignored
     */
    public Optional<RollbackPlan> plan(SpikeState state, SpikeFinding incident, CheckpointRegistryState checkpoints,
                                       List<Evidence> evidence) {
        if (state.rollbackPlannedForOnset == incident.onsetStep()) {
            return Optional.empty();
        }
        state.rollbackPlannedForOnset = incident.onsetStep();
        long onset = incident.onsetStep();
        List<String> notes = new ArrayList<>();
        TreeSet<String> suspects = new TreeSet<>();
        List<String> lines = new ArrayList<>();
        long earliestEvidenceStep = Long.MAX_VALUE;
        Evidence earliest = null;
        for (Evidence e : evidence) {
            if (e.ts() < incident.onsetTs() - config.evidenceLookbackMs()) {
                continue;
            }
            suspects.add(e.node());
            lines.add(e.describe());
            if (e.ts() > incident.onsetTs()) {
                continue; // after the onset: a suspect, but not an earlier sign of trouble
            }
            long step = evidenceStep(state, e, notes);
            if (step < earliestEvidenceStep) {
                earliestEvidenceStep = step;
                earliest = e;
            }
        }
        boolean hardware = earliest != null;
        long trouble = hardware ? Math.min(onset, earliestEvidenceStep) : onset - config.rollbackMarginSteps();
        Optional<SavedCheckpoint> target = registry.newestBefore(checkpoints, trouble);
        if (target.isEmpty() && !hardware && config.rollbackMarginSteps() > 0) {
            target = registry.newestBefore(checkpoints, onset);
            target.ifPresent(c -> notes.add("no saved checkpoint " + config.rollbackMarginSteps()
                    + " steps before the onset; using the newest before it"));
            trouble = onset;
        }
        long skipFrom = Math.max(0, onset - config.skipBeforeOnset());
        if (target.isPresent()) {
            skipFrom = Math.max(skipFrom, target.get().step + 1);
        }
        long skipTo = onset + config.skipAfterOnset();

        StringBuilder reason = new StringBuilder();
        // An opened spike is rolled back only with evidence before it, without waiting to see whether it persists: say so.
        reason.append(String.format("%s%s spike from step %d (peak loss %.4g at step %d, median %.4g)",
                incident.kind() == SpikeFinding.Kind.PERSISTENT ? "persistent " : "", incident.trigger(), onset,
                incident.peakLoss(), incident.peakStep(), incident.baselineMedian()));
        if (incident.kind() != SpikeFinding.Kind.PERSISTENT) {
            reason.append(", not waited out");
        }
        if (hardware) {
            reason.append("; ").append(earliest.kind()).append(" on ").append(earliest.node())
                    .append(" precedes it at step ").append(earliestEvidenceStep);
        }
        reason.append(target.map(c -> "; rolling back to saved checkpoint at step " + c.step)
                .orElse("; no saved checkpoint before step " + trouble + ": no rollback target"));
        notes.forEach(n -> reason.append("; ").append(n));
        return Optional.of(new RollbackPlan(incident.job(), onset, target.map(c -> c.step).orElse(null),
                target.map(c -> c.uri).orElse(null), skipFrom, skipTo, List.copyOf(suspects), reason.toString(),
                List.copyOf(lines), trouble, hardware));
    }

    private static long evidenceStep(SpikeState state, Evidence e, List<String> notes) {
        if (e.step() != null) {
            return e.step();
        }
        OptionalLong mapped = state.clock == null ? OptionalLong.empty() : state.clock.stepAtOrBefore(e.ts());
        if (mapped.isPresent()) {
            return mapped.getAsLong();
        }
        OptionalLong oldest = state.clock == null ? OptionalLong.empty() : state.clock.oldestStep();
        notes.add("evidence at ts " + e.ts() + " predates the step history; placed at the oldest known step");
        return oldest.orElse(Long.MIN_VALUE);
    }
}
