package io.ballast.logic.stability;

import io.ballast.events.Checkpoint;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the saved checkpoints of a job (status {@code saved} only; failed ones are never rollback targets) and
 * answers "newest saved strictly before step s". Retention keeps the newest K by step.
 */
public class CheckpointRegistry implements Serializable {
    public static final String SAVED = "saved";
    public static final String FAILED = "failed";
    private final StabilityConfig config;

    public CheckpointRegistry(StabilityConfig config) {
        this.config = config;
    }

    public boolean record(CheckpointRegistryState state, Checkpoint checkpoint) {
        return record(state, checkpoint.getStep(), checkpoint.getUri(), checkpoint.getStatus(), checkpoint.getTs());
    }

    /**
     * Records one checkpoint event; returns whether it became a possible target. A {@code failed} event for a
     * step and uri that were saved before removes that entry: its files can no longer be trusted.
     */
    public boolean record(CheckpointRegistryState state, long step, String uri, String status, long ts) {
        if (!SAVED.equals(status)) {
            state.failedSeen++;
            state.saved.removeIf(c -> c.step == step && Objects.equals(c.uri, uri));
            return false;
        }
        state.saved.removeIf(c -> c.step == step);
        state.saved.add(new SavedCheckpoint(step, uri, ts));
        state.saved.sort(Comparator.comparingLong(c -> c.step));
        while (state.saved.size() > config.checkpointRetention()) {
            state.saved.remove(0);
        }
        return true;
    }

    /** The newest saved checkpoint whose step is strictly before {@code step}. */
    public Optional<SavedCheckpoint> newestBefore(CheckpointRegistryState state, long step) {
        SavedCheckpoint best = null;
        for (SavedCheckpoint c : state.saved) {
            if (c.step < step && (best == null || c.step > best.step)) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Forgets checkpoints after a rollback target: they hold the abandoned, possibly corrupted timeline and must
     * never be the target of a later rollback.
     */
    public void invalidateAfter(CheckpointRegistryState state, long targetStep) {
        state.saved.removeIf(c -> c.step > targetStep);
    }
}
