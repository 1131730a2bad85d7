package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint holds a node's baselines as they are at that checkpoint, also when the node's value went into the
 * checkpoint before as bytes it keeps: a restore counts errors against the newest baseline, not an older one.
 */
class NicBaselineCheckpointTest {
    static final long T0 = 1_795_486_326_000L;

    @Test
    void aRestoreCountsAgainstTheBaselineOfTheLastCheckpointNotAnEarlierOne() throws Exception {
        OperatorSubtaskState second;
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.nic(sample(T0, 0)), T0);
            // The GPUs report first: the NIC sample below changes only a port's baseline, not when the node was last seen.
            h.processElement(NodeInput.gpu(GpuSample.newBuilder().setTs(T0 + 5_000).setNode("gpu-node-1").setGpu(0).build()), T0 + 5_000);
            h.snapshot(1, T0 + 5_500);
            h.processElement(NodeInput.nic(sample(T0 + 5_000, 40)), T0 + 5_000); // 40 symbol errors: reported once, then the baseline
            second = h.snapshot(2, T0 + 6_000);
            assertThat(NodeHarness.correlation(h)).as("the errors are reported before the checkpoint").hasSize(1);
        }
        try (var h = NodeHarness.create()) {
            h.initializeState(second);
            h.open();
            h.processElement(NodeInput.nic(sample(T0 + 10_000, 40)), T0 + 10_000);
            assertThat(NodeHarness.correlation(h)).as("no new errors since the second checkpoint's baseline").isEmpty();
            h.processElement(NodeInput.nic(sample(T0 + 15_000, 41)), T0 + 15_000);
            assertThat(NodeHarness.correlation(h)).as("one more error is one more").hasSize(1);
        }
    }

    private static NicCounters sample(long ts, long symbolErrors) {
        return NicCounters.newBuilder().setTs(ts).setNode("gpu-node-1").setDevice("mlx5_0").setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", symbolErrors, "port_xmit_data", ts / 1000)).build();
    }
}
