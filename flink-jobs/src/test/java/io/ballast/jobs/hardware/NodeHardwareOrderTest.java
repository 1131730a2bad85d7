package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.Xid;
import io.ballast.rules.Decision;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Xids and GPU samples reach the node function on separate streams, in whatever order the network delivers
 * them; the rules must decide the same either way, once the watermark has passed the facts.
 */
class NodeHardwareOrderTest {
    static final long T0 = 1_795_486_326_000L;

    @ParameterizedTest(name = "GPU sample first: {0}")
    @ValueSource(booleans = {true, false})
    void anXid48AndAFailedRemapAtTheSameInstantDrainWithoutTheSoloResetAlert(boolean sampleFirst) throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> harness = harness()) {
            harness.processElement(Either.Right(sample(T0, 0L, false)), T0);
            watermark(harness, T0);
            Either<Xid, GpuSample> xid48 = Either.Left(xid48(T0 + 5_000));
            Either<Xid, GpuSample> failedRemap = Either.Right(sample(T0 + 5_000, 1L, true));
            for (Either<Xid, GpuSample> in : sampleFirst ? List.of(failedRemap, xid48) : List.of(xid48, failedRemap)) {
                harness.processElement(in, T0 + 5_000);
            }
            assertThat(decisions(harness)).as("nothing decided before the watermark passes the facts").isEmpty();

            watermark(harness, T0 + 5_000);
            List<Decision> decisions = decisions(harness);
            assertThat(decisions).extracting(Decision::getKind).contains(Decision.Kind.DRAIN);
            assertThat(decisions).extracting(Decision::getName).doesNotContain("ecc_uncorrectable_reset");
        }
    }

    @org.junit.jupiter.api.Test
    void aLateXidIsDecidedAtOnceNotAtTheNextWatermarkAdvance() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> harness = harness()) {
            harness.processElement(Either.Right(sample(T0, 0L, false)), T0);
            // The GPU stream ran ahead while the Xid was on its way; no more data comes for now.
            watermark(harness, T0 + 60_000);
            harness.processElement(Either.Left(Xid.newBuilder().setTs(T0 + 5_000).setNode("n1").setGpu(0).setXid(79)
                    .setMessage("GPU has fallen off the bus.").build()), T0 + 5_000);
            assertThat(decisions(harness)).extracting(Decision::getKind).containsExactly(Decision.Kind.DRAIN);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new NodeHardwareFunction(new Configuration(), Duration.ofMinutes(10)),
                        NodeKey::ofHardware, Types.STRING, RulesBroadcast.STATE);
    }

    /** The rules input never holds event time back in the job ({@link RuleUpdates}); here it simply keeps up. */
    private static void watermark(KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h, long ts)
            throws Exception {
        h.processBroadcastWatermark(ts);
        h.processWatermark(ts);
    }

    private static List<Decision> decisions(KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord).map(o -> (Decision) ((StreamRecord<?>) o).getValue()).toList();
    }

    private static Xid xid48(long ts) {
        return Xid.newBuilder().setTs(ts).setNode("n1").setGpu(0).setXid(48)
                .setMessage("An uncorrectable double bit error (DBE) has been detected on GPU").build();
    }

    private static GpuSample sample(long ts, long dbeTotal, boolean remapFailure) {
        return GpuSample.newBuilder().setTs(ts).setNode("n1").setGpu(0).setEccDbeVolatileTotal(dbeTotal)
                .setRemapFailure(remapFailure).build();
    }
}
