package io.ballast.logic.moe;

import io.ballast.events.ExpertLoad;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepAggregatorTest {
    private final MoeConfig config = MoeConfig.defaults();
    private final StepAggregator aggregator = new StepAggregator(config);
    private final StepAggregationState state = new StepAggregationState();

    private AggregationResult report(int rank, int ranks, List<Long> counts, long ts) {
        return aggregator.add(state, "job-a", 7, 2, rank, ranks, counts, ts);
    }

    @Test
    void completesWhenAllDistinctRanksReported() {
        assertThat(report(0, 3, List.of(1L, 2L, 3L), 100).kind()).isEqualTo(AggregationResult.Kind.PENDING);
        assertThat(report(2, 3, List.of(10L, 20L, 30L), 101).kind()).isEqualTo(AggregationResult.Kind.PENDING);
        AggregationResult done = report(1, 3, List.of(100L, 200L, 300L), 102);
        assertThat(done.kind()).isEqualTo(AggregationResult.Kind.COMPLETE);
        assertThat(done.counts()).containsExactly(111L, 222L, 333L);
        assertThat(done.step()).isEqualTo(7);
        assertThat(done.layer()).isEqualTo(2);
    }

    @Test
    void globalReportCompletesAtOnce() {
        ExpertLoad load = ExpertLoad.newBuilder().setJob("job-a").setStep(1).setLayer(0).setRank(-1).setRanks(1)
                .setCounts(List.of(5L, 6L)).setTs(1).build();
        AggregationResult result = aggregator.add(state, load);
        assertThat(result.isComplete()).isTrue();
        assertThat(result.counts()).containsExactly(5L, 6L);
    }

    @Test
    void duplicateReportOfARankIsIgnored() {
        report(0, 2, List.of(1L, 1L), 100);
        assertThat(report(0, 2, List.of(1L, 1L), 101).kind()).isEqualTo(AggregationResult.Kind.DUPLICATE);
        AggregationResult done = report(1, 2, List.of(2L, 2L), 102);
        assertThat(done.counts()).containsExactly(3L, 3L);
    }

    @Test
    void mismatchingVectorLengthIsRejectedWithAReason() {
        report(0, 2, List.of(1L, 1L), 100);
        AggregationResult bad = report(1, 2, List.of(1L, 1L, 1L), 101);
        assertThat(bad.kind()).isEqualTo(AggregationResult.Kind.REJECTED);
        assertThat(bad.reason()).contains("3 experts").contains("had 2");
        assertThat(state.reportedRanks).containsExactly(0);
    }

    @Test
    void inconsistentRankFieldsAreRejected() {
        assertThat(report(-1, 4, List.of(1L), 1).reason()).contains("rank -1");
        assertThat(report(4, 4, List.of(1L), 1).reason()).contains("outside [0, 4)");
        assertThat(report(0, 0, List.of(1L), 1).reason()).contains("ranks must be >= 1");
        assertThat(report(0, 2, List.of(1L, -3L), 1).reason()).contains("counts[1]");
        assertThat(state.isStarted()).isFalse();
    }

    @Test
    void timeoutGivesIncompleteAndNeverThePartialSum() {
        report(0, 4, List.of(9L, 9L), 1_000);
        report(1, 4, List.of(9L, 9L), 1_001);
        assertThat(aggregator.deadline(state)).isEqualTo(1_000 + config.aggregationTimeoutMs());
        AggregationResult timedOut = aggregator.onTimeout(state).orElseThrow();
        assertThat(timedOut.kind()).isEqualTo(AggregationResult.Kind.INCOMPLETE);
        assertThat(timedOut.counts()).isNull();
        assertThat(timedOut.reason()).contains("2 of 4 ranks");
        assertThat(report(2, 4, List.of(9L, 9L), 40_000).kind()).isEqualTo(AggregationResult.Kind.LATE);
    }

    @Test
    void timeoutAfterCompletionYieldsNothing() {
        report(-1, 1, List.of(1L), 1);
        assertThat(aggregator.onTimeout(state)).isEmpty();
    }
}
