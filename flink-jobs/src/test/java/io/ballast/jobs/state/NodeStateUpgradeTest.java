package io.ballast.jobs.state;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.jobs.hardware.NodeHardware;
import io.ballast.jobs.hardware.NodeHardwareFunction;
import io.ballast.jobs.hardware.NodeInput;
import io.ballast.jobs.hardware.NodeKey;
import io.ballast.jobs.hardware.RulesBroadcast;
import io.ballast.rules.Decision;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints of older builds restore into the node operator through Flink's heap backend: layout 2 of
 * {@code node-gpus} (before the NIC state moved into the node's value: presence and GPUs) keeps its GPU baselines and
 * starts the NIC ports fresh; layout 3 (fixed-width, before the compact layout 4) keeps both.
 */
class NodeStateUpgradeTest {
    static final long T0 = 1_795_486_326_000L;
    static final String KEY = NodeKey.of("default", "gpu-node-1");

    @Test
    void aLayoutTwoCheckpointRestoresItsGpuBaselinesAndStartsTheNicOnesFresh() throws Exception {
        try (var h = restoredFrom(2)) {
            assertThat(decisions(h)).as("3 DBEs counted against the restored baseline of 1").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getNode()).isEqualTo("gpu-node-1"));
            assertThat(correlation(h)).as("the NIC's first sample is a baseline: nothing to correlate").isEmpty();
        }
    }

    @Test
    void aLayoutThreeCheckpointRestoresItsGpuAndNicBaselines() throws Exception {
        try (var h = restoredFrom(3)) {
            assertThat(decisions(h)).as("3 DBEs counted against the restored baseline of 1").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getNode()).isEqualTo("gpu-node-1"));
            assertThat(correlation(h)).as("40 symbol errors counted against the restored NIC baseline of 0").hasSize(1);
        }
    }

    /** The node operator restored from a checkpoint an older build wrote in {@code layout}, after one more sample of each kind. */
    private static KeyedBroadcastOperatorTestHarness<String, ?, ?, Decision> restoredFrom(int layout) throws Exception {
        OperatorSubtaskState old;
        try (var writer = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OldLayoutWriter(layout)),
                (String key) -> key, Types.STRING, 1, 1, 0)) {
            writer.open();
            writer.processElement(KEY, T0);
            old = writer.snapshot(1, T0);
        }
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new NodeHardwareFunction(new Configuration(), Duration.ofMinutes(10)), List.of(RulesBroadcast.STATE)),
                NodeKey::ofHardware, Types.STRING, 1, 1, 0);
        h.initializeState(old);
        h.open();
        h.processElement(NodeInput.gpu(GpuSample.newBuilder().setTs(T0 + 5_000).setNode("gpu-node-1").setGpu(0)
                .setEccDbeVolatileTotal(3L).build()), T0 + 5_000);
        h.processElement(NodeInput.nic(NicCounters.newBuilder().setTs(T0 + 5_000).setNode("gpu-node-1").setDevice("mlx5_0")
                .setPort(1).setBootId("boot-1").setCounters(Map.of("symbol_error", 40L)).build()), T0 + 5_000);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(T0 + 5_000);
        return h;
    }

    private static List<Decision> decisions(KeyedBroadcastOperatorTestHarness<String, ?, ?, Decision> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord)
                .map(o -> (Decision) ((StreamRecord<?>) o).getValue()).toList();
    }

    private static List<?> correlation(KeyedBroadcastOperatorTestHarness<String, ?, ?, Decision> h) {
        var records = h.getSideOutput(NodeHardwareFunction.CORRELATION);
        return records == null ? List.of() : List.copyOf(records);
    }

    /** What an older build kept per node: presence, one GPU with a DBE baseline of 1 and (layout 3) a NIC port at 0. */
    private static final class OldLayoutWriter extends KeyedProcessFunction<String, String, Void> {
        private final int layout;
        private transient ValueState<NodeHardware> state;

        OldLayoutWriter(int layout) {
            this.layout = layout;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("node-gpus", new NodeGpusSerializer().reading(layout)));
        }

        @Override
        public void processElement(String key, Context ctx, Collector<Void> out) throws Exception {
            NodeHardware node = new NodeHardware("default".length());
            node.track(0).counters.update("gpu", T0, Map.of("ecc_dbe_volatile_total", 1L));
            node.tracker("mlx5_0", 1).update("boot-1", T0, Map.of("symbol_error", 0L));
            node.seen(T0);
            state.update(node);
        }
    }
}
