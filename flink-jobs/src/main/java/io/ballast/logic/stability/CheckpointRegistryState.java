package io.ballast.logic.stability;

import java.util.ArrayList;
import java.util.List;

/** Keyed state of one job's saved checkpoints, sorted by step, newest K only. Flink POJO. */
public class CheckpointRegistryState {
    public List<SavedCheckpoint> saved = new ArrayList<>();
    /** Checkpoint events with status failed (never targets). */
    public long failedSeen;

    public CheckpointRegistryState() {}
}
