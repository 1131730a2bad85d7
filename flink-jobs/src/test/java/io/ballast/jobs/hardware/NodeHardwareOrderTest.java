package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.Xid;
import io.ballast.rules.Decision;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        try (var harness = NodeHarness.open()) {
            harness.processElement(NodeInput.gpu(sample(T0, 0L, false)), T0);
            NodeHarness.watermark(harness, T0);
            var xid48 = NodeInput.xid(xid48(T0 + 5_000));
            var failedRemap = NodeInput.gpu(sample(T0 + 5_000, 1L, true));
            for (var in : sampleFirst ? List.of(failedRemap, xid48) : List.of(xid48, failedRemap)) {
                harness.processElement(in, T0 + 5_000);
            }
            assertThat(NodeHarness.decisions(harness)).as("nothing decided before the watermark passes the facts").isEmpty();

            NodeHarness.watermark(harness, T0 + 5_000);
            List<Decision> decisions = NodeHarness.decisions(harness);
            assertThat(decisions).extracting(Decision::getKind).contains(Decision.Kind.DRAIN);
            assertThat(decisions).extracting(Decision::getName).doesNotContain("ecc_uncorrectable_reset");
        }
    }

    @org.junit.jupiter.api.Test
    void aLateXidIsDecidedAtOnceNotAtTheNextWatermarkAdvance() throws Exception {
        try (var harness = NodeHarness.open()) {
            harness.processElement(NodeInput.gpu(sample(T0, 0L, false)), T0);
            // The GPU stream ran ahead while the Xid was on its way; no more data comes for now.
            NodeHarness.watermark(harness, T0 + 60_000);
            harness.processElement(NodeInput.xid(Xid.newBuilder().setTs(T0 + 5_000).setNode("n1").setGpu(0).setXid(79)
                    .setMessage("GPU has fallen off the bus.").build()), T0 + 5_000);
            assertThat(NodeHarness.decisions(harness)).extracting(Decision::getKind).containsExactly(Decision.Kind.DRAIN);
        }
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
