package io.ballast.logic.moe;

import io.ballast.events.ExpertLoad;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Sums per-rank expert counts of one (job, step, layer) into the global batch count the bias rule needs
 * (domain.md §1.6: a sign taken on a partial sum can be wrong). Completes once every distinct rank reported;
 * a timeout yields INCOMPLETE and the partial sum is thrown away.
 */
public class StepAggregator implements Serializable {
    private final MoeConfig config;

    public StepAggregator(MoeConfig config) {
        this.config = config;
    }

    /** Event time at which an aggregation that is still open gives up; the lead registers its timer here. */
    public long deadline(StepAggregationState state) {
        return state.firstSeenTs + config.aggregationTimeoutMs();
    }

    public AggregationResult add(StepAggregationState state, ExpertLoad load) {
        return add(state, load.getJob(), load.getStep(), load.getLayer(), load.getRank(), load.getRanks(),
                load.getCounts(), load.getTs());
    }

    public AggregationResult add(StepAggregationState state, String job, long step, int layer, int rank, int ranks,
                                 List<Long> counts, long ts) {
        String problem = validate(state, rank, ranks, counts);
        if (problem != null) {
            return result(state, AggregationResult.Kind.REJECTED, job, step, layer, ranks, null, problem);
        }
        if (state.closed) {
            return result(state, AggregationResult.Kind.LATE, job, step, layer, ranks, null,
                    "rank " + rank + " reported after the aggregation was closed");
        }
        if (!state.isStarted()) {
            state.job = job;
            state.step = step;
            state.layer = layer;
            state.expectedRanks = ranks;
            state.sums = new long[counts.size()];
            state.firstSeenTs = ts;
        }
        if (state.reportedRanks.contains(rank)) {
            return result(state, AggregationResult.Kind.DUPLICATE, job, step, layer, ranks, null, null);
        }
        for (int i = 0; i < counts.size(); i++) {
            state.sums[i] += counts.get(i);
        }
        state.reportedRanks.add(rank);
        if (state.reportedRanks.size() < state.expectedRanks) {
            return result(state, AggregationResult.Kind.PENDING, job, step, layer, ranks, null, null);
        }
        state.closed = true;
        return result(state, AggregationResult.Kind.COMPLETE, job, step, layer, ranks, state.sums.clone(), null);
    }

    /**
     * Called when the deadline timer fires: an aggregation still missing ranks becomes INCOMPLETE (closed, sum
     * discarded); one that already completed yields nothing.
     */
    public Optional<AggregationResult> onTimeout(StepAggregationState state) {
        if (state.closed || !state.isStarted()) {
            return Optional.empty();
        }
        state.closed = true;
        String reason = "timed out after " + config.aggregationTimeoutMs() + " ms with " + state.reportedRanks.size()
                + " of " + state.expectedRanks + " ranks";
        return Optional.of(new AggregationResult(AggregationResult.Kind.INCOMPLETE, state.job, state.step, state.layer,
                null, state.reportedRanks.size(), state.expectedRanks, reason));
    }

    private static String validate(StepAggregationState state, int rank, int ranks, List<Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return "counts is empty";
        }
        if (ranks < 1) {
            return "ranks must be >= 1, got " + ranks;
        }
        if (rank == -1 && ranks != 1) {
            return "rank -1 (global counts) requires ranks = 1, got ranks = " + ranks;
        }
        if (rank < -1 || rank >= ranks) {
            return "rank " + rank + " is outside [0, " + ranks + ")";
        }
        for (int i = 0; i < counts.size(); i++) {
            Long c = counts.get(i);
            if (c == null || c < 0) {
                return "counts[" + i + "] must be a count >= 0, got " + c;
            }
        }
        if (state.isStarted()) {
            if (counts.size() != state.sums.length) {
                return "counts has " + counts.size() + " experts but earlier reports of this step had "
                        + state.sums.length;
            }
            if (ranks != state.expectedRanks) {
                return "ranks = " + ranks + " disagrees with earlier reports of this step (" + state.expectedRanks + ")";
            }
        }
        return null;
    }

    private static AggregationResult result(StepAggregationState state, AggregationResult.Kind kind, String job,
                                            long step, int layer, int ranks, long[] counts, String reason) {
        int expected = state.isStarted() ? state.expectedRanks : ranks;
        return new AggregationResult(kind, job, step, layer, counts, state.reportedRanks.size(), expected, reason);
    }
}
