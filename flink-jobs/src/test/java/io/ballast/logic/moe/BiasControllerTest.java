package io.ballast.logic.moe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class BiasControllerTest {
    private final MoeConfig config = MoeConfig.defaults();
    private final BiasController controller = new BiasController(config);
    private final BiasState state = new BiasState();

    private BiasResult apply(long step, long... counts) {
        return controller.apply(state, step, counts, null, null).result();
    }

    @Test
    void lfbUpdateMatchesAHandComputation() {
        // mean = 25: experts 0,1 under-loaded (+u), 2,3 over-loaded (-u)
        BiasResult first = apply(1, 10, 20, 30, 40);
        assertThat(first.controllerBias()).containsExactly(0.001, 0.001, -0.001, -0.001);
        assertThat(first.signs()).containsExactly(1, 1, -1, -1);
        // mean = 25 again; expert 1 now over-loaded
        BiasResult second = apply(2, 10, 35, 25, 30);
        assertThat(second.controllerBias()).containsExactly(0.001 + 0.001, 0.001 - 0.001, -0.001, -0.001 - 0.001);
        assertThat(second.updateRate()).isEqualTo(0.001);
        assertThat(second.maxVio()).isEqualTo((35 - 25) / 25.0);
    }

    @Test
    void jobRateOverridesTheConfiguredRate() {
        BiasResult result = controller.apply(state, 1, new long[] {1, 3}, 0.25, null).result();
        assertThat(result.controllerBias()).containsExactly(0.25, -0.25);
        assertThat(result.updateRate()).isEqualTo(0.25);
    }

    @Test
    void exactlyAverageExpertIsUnchanged() {
        BiasResult result = apply(1, 10, 20, 30);
        assertThat(result.controllerBias()[1]).isZero();
        assertThat(result.signs()[1]).isZero();
        BiasResult even = apply(2, 7, 7, 7);
        assertThat(even.controllerBias()).containsExactly(0.001, 0.0, -0.001);
    }

    @Test
    void freezeFromStepPublishesTheUnchangedBias() {
        BiasController frozenLater = new BiasController(config.withFreeze(3L, null));
        frozenLater.apply(state, 1, new long[] {1, 3}, null, null);
        frozenLater.apply(state, 2, new long[] {1, 3}, null, null);
        BiasOutcome frozen = frozenLater.apply(state, 3, new long[] {1, 3}, null, null);
        assertThat(frozen.kind()).isEqualTo(BiasOutcome.Kind.FROZEN);
        assertThat(frozen.result().controllerBias()).containsExactly(0.002, -0.002);
        assertThat(frozen.result().updateRate()).isZero();
        assertThat(frozen.result().version()).isEqualTo(3);
    }

    @Test
    void freezeFromTokensHonoursTheJobsTokenCount() {
        BiasController frozenAtTokens = new BiasController(config.withFreeze(null, 14_300L));
        assertThat(frozenAtTokens.apply(state, 1, new long[] {1, 3}, 0.5, 14_299L).kind())
                .isEqualTo(BiasOutcome.Kind.APPLIED);
        BiasOutcome frozen = frozenAtTokens.apply(state, 2, new long[] {1, 3}, 0.5, 14_300L);
        assertThat(frozen.kind()).isEqualTo(BiasOutcome.Kind.FROZEN);
        assertThat(frozen.result().publishedBias()).containsExactly(0.5, -0.5);
    }

    @Test
    void staleOrDuplicateStepNeverMovesTheBias() {
        apply(5, 1, 3);
        BiasOutcome dup = controller.apply(state, 5, new long[] {1, 3}, null, null);
        BiasOutcome older = controller.apply(state, 4, new long[] {3, 1}, null, null);
        assertThat(dup.kind()).isEqualTo(BiasOutcome.Kind.STALE);
        assertThat(older.kind()).isEqualTo(BiasOutcome.Kind.STALE);
        assertThat(older.publication()).isEmpty();
        assertThat(state.bias).containsExactly(0.001, -0.001);
        assertThat(state.staleLoads).isEqualTo(2);
        assertThat(state.version).isEqualTo(1);
    }

    @Test
    void versionsAreContiguousAcrossUpdatesFreezesAndOffsets() {
        List<Long> versions = new java.util.ArrayList<>();
        LongStream.rangeClosed(1, 5).forEach(s -> versions.add(apply(s, s, 10 - s).version()));
        controller.apply(state, 3, new long[] {1, 1}, null, null); // stale: no version
        versions.add(controller.setHostPenalty(state, new int[] {0}, -0.005, "gpu degraded").orElseThrow().version());
        versions.add(apply(6, 1, 2).version());
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void partialAggregationNeverUpdatesTheBias() {
        StepAggregator aggregator = new StepAggregator(config);
        StepAggregationState step = new StepAggregationState();
        aggregator.add(step, "job-a", 1, 0, 0, 2, List.of(1L, 9L), 0);
        AggregationResult timedOut = aggregator.onTimeout(step).orElseThrow();
        assertThat(timedOut.isComplete()).isFalse();
        controller.recordIncomplete(state, timedOut.step());
        assertThat(state.bias).isNull();
        assertThat(state.version).isZero();
        assertThat(state.incompleteSteps).isEqualTo(1);
    }

    @Test
    void hostPenaltyIsBoundedAndReportedApartFromTheControllerBias() {
        apply(1, 1, 3, 2);
        BiasResult penalised = controller.setHostPenalty(state, new int[] {1, 2}, -5.0, "node-1/3 Xid 48").orElseThrow();
        double bound = config.maxHostOffset();
        assertThat(penalised.controllerBias()).containsExactly(0.001, -0.001, 0.0);
        assertThat(penalised.publishedBias()).containsExactly(0.001, -0.001 - bound, -bound);
        assertThat(penalised.hostOffsets()).containsEntry(1, -bound).containsEntry(2, -bound).hasSize(2);
        assertThat(penalised.hostOffsetReasons()).containsEntry(1, "node-1/3 Xid 48");
        BiasResult next = apply(2, 1, 3, 2);
        assertThat(next.publishedBias()[2]).isEqualTo(-bound);
        assertThat(next.controllerBias()[2]).isZero(); // the rule never learns the offset
    }

    @Test
    void clearingThePenaltyRestoresThePlainBias() {
        apply(1, 1, 3);
        controller.setHostPenalty(state, new int[] {0}, 0.003, "degraded");
        BiasResult cleared = controller.clearHostPenalty(state, new int[] {0}).orElseThrow();
        assertThat(cleared.publishedBias()).containsExactly(cleared.controllerBias());
        assertThat(cleared.hostOffsets()).isEmpty();
        assertThat(controller.clearHostPenalty(state, new int[] {0})).isEmpty();
    }

    @Test
    void expertCountChangeIsRejected() {
        apply(1, 1, 3);
        BiasOutcome outcome = controller.apply(state, 2, new long[] {1, 2, 3}, null, null);
        assertThat(outcome.kind()).isEqualTo(BiasOutcome.Kind.REJECTED);
        assertThat(outcome.reason()).contains("3 experts").contains("has 2");
    }
}
