package io.ballast.logic.moe;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of one (job, step, layer) while its per-rank expert counts are summed. Flink POJO: kept by the lead
 * in keyed state until the deadline timer clears it.
 */
public class StepAggregationState {
    public String job;
    public long step;
    public int layer;
    /** Ranks that make up the global count, from the first report; 0 until a report arrived. */
    public int expectedRanks;
    /** Distinct ranks already summed (duplicates are ignored). */
    public List<Integer> reportedRanks = new ArrayList<>();
    /** Running sum per expert; null until the first report. */
    public long[] sums;
    /** Event time of the first report; the timeout counts from here. */
    public long firstSeenTs;
    /** COMPLETE or INCOMPLETE was already emitted: later reports are late. */
    public boolean closed;

    public StepAggregationState() {}

    public boolean isStarted() {
        return sums != null;
    }
}
