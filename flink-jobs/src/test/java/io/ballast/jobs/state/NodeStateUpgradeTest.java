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
 * A checkpoint written by the build before the NIC state moved into the node's value (layout 2 of {@code node-gpus}:
 * presence and GPUs) restores into the node operator through Flink's heap backend: the GPU baselines count on, and the
 * node's NIC ports start from a fresh baseline.
 */
class NodeStateUpgradeTest {
    static final long T0 = 1_795_486_326_000L;
    static final String KEY = NodeKey.of("default", "gpu-node-1");

    @Test
    void aLayoutTwoCheckpointRestoresItsGpuBaselinesAndStartsTheNicOnesFresh() throws Exception {
        OperatorSubtaskState layout2;
        try (var old = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LayoutTwoWriter()),
                (String key) -> key, Types.STRING, 1, 1, 0)) {
            old.open();
            old.processElement(KEY, T0);
            layout2 = old.snapshot(1, T0);
        }
        try (var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new NodeHardwareFunction(new Configuration(), Duration.ofMinutes(10)), List.of(RulesBroadcast.STATE)),
                NodeKey::ofHardware, Types.STRING, 1, 1, 0)) {
            h.initializeState(layout2);
            h.open();
            h.processElement(NodeInput.gpu(GpuSample.newBuilder().setTs(T0 + 5_000).setNode("gpu-node-1").setGpu(0)
                    .setEccDbeVolatileTotal(3L).build()), T0 + 5_000);
            h.processElement(NodeInput.nic(NicCounters.newBuilder().setTs(T0 + 5_000).setNode("gpu-node-1").setDevice("mlx5_0")
                    .setPort(1).setBootId("boot-1").setCounters(Map.of("symbol_error", 40L)).build()), T0 + 5_000);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + 5_000);

            List<Decision> decisions = h.getOutput().stream().filter(o -> o instanceof StreamRecord)
                    .map(o -> (Decision) ((StreamRecord<?>) o).getValue()).toList();
            assertThat(decisions).as("3 DBEs counted against the restored baseline of 1").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getNode()).isEqualTo("gpu-node-1"));
            var correlation = h.getSideOutput(NodeHardwareFunction.CORRELATION);
            assertThat(correlation == null ? List.of() : List.copyOf(correlation)).as("the NIC's first sample is a baseline: nothing to correlate")
                    .isEmpty();
        }
    }

    /** What session 7's build kept per node: presence and one GPU with a DBE baseline of 1. */
    private static final class LayoutTwoWriter extends KeyedProcessFunction<String, String, Void> {
        private transient ValueState<NodeHardware> state;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("node-gpus", new NodeGpusSerializer().reading(2)));
        }

        @Override
        public void processElement(String key, Context ctx, Collector<Void> out) throws Exception {
            NodeHardware node = new NodeHardware("default".length());
            node.track(0).counters.update("gpu", T0, Map.of("ecc_dbe_volatile_total", 1L));
            node.seen(T0);
            state.update(node);
        }
    }
}
