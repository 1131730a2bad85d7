package io.ballast.logic.moe;

/**
 * What one partial expert-load report did to its (job, step, layer) aggregation.
 *
 * @param counts the global counts, only for {@link Kind#COMPLETE}
 * @param reason why a report was rejected or the aggregation gave up; null otherwise
 */
public record AggregationResult(Kind kind, String job, long step, int layer, long[] counts, int reportedRanks,
                                int expectedRanks, String reason) {

    /** Outcome kinds; only COMPLETE may move a bias, INCOMPLETE is counted, never used as a sum. */
    public enum Kind { PENDING, COMPLETE, DUPLICATE, REJECTED, LATE, INCOMPLETE }

    public boolean isComplete() {
        return kind == Kind.COMPLETE;
    }
}
