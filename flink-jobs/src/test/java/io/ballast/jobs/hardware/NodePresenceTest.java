package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node function tells the drain guard when a node starts reporting and when its state expires, once each; and a
 * healthy node keeps one state value, its GPU and NIC baselines, which is what a checkpoint of a large fleet writes per node.
 */
class NodePresenceTest {
    static final long T0 = 1_795_486_326_000L;
    static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void aNodeJoinsOnceAndLeavesWhenItsStateExpires() throws Exception {
        try (var h = NodeHarness.open()) {
            for (long ts = T0; ts < T0 + 60_000; ts += 5_000) {
                h.processElement(NodeInput.gpu(sample("pod/a", "gpu/1", ts, 0)), ts);
                h.processElement(NodeInput.gpu(sample("pod/a", "gpu/2", ts, 0)), ts);
            }
            assertThat(presence(h)).extracting(p -> p.cluster + " " + p.node + " " + p.present)
                    .containsExactly("pod/a gpu/1 true", "pod/a gpu/2 true");

            h.processElement(NodeInput.gpu(sample("pod/a", "gpu/2", T0 + DAY, 0)), T0 + DAY); // only gpu/2 keeps reporting
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + DAY + Duration.ofHours(2).toMillis());

            assertThat(presence(h)).extracting(p -> p.cluster + " " + p.node + " " + p.present)
                    .containsExactly("pod/a gpu/1 true", "pod/a gpu/2 true", "pod/a gpu/1 false");
            assertThat(stateEntries(h)).as("gpu/1's state is gone, gpu/2's baselines stay").isEqualTo(1);
        }
    }

    @Test
    void aHealthyNodeKeepsOnlyItsBaselinesAndANotableOneItsFactsUntilTheyAgeOut() throws Exception {
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.gpu(sample("default", "healthy", T0, 0)), T0);
            h.processElement(NodeInput.gpu(sample("default", "sick", T0, 0)), T0);
            h.processElement(NodeInput.gpu(sample("default", "sick", T0 + 5_000, 3)), T0 + 5_000); // SBE errors
            assertThat(stateEntries(h)).as("two nodes' baselines and the sick node's pending fact").isEqualTo(3);

            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + 5_000);
            h.processElement(NodeInput.gpu(sample("default", "sick", T0 + Duration.ofHours(1).toMillis(), 3)), T0 + Duration.ofHours(1).toMillis());
            h.processWatermark(T0 + Duration.ofHours(1).toMillis());
            assertThat(stateEntries(h)).as("the sick node recovered and its facts aged out of the window").isEqualTo(2);
        }
    }


    @Test
    void aNodesGpuAndNicTelemetryShareOneKeyOneValueAndOneTimer() throws Exception {
        try (var h = NodeHarness.open()) {
            for (long ts = T0; ts < T0 + 30_000; ts += 5_000) {
                h.processElement(NodeInput.gpu(sample("default", "n1", ts, 0)), ts);
                for (int port = 1; port <= 8; port++) {
                    h.processElement(NodeInput.nic(nic("n1", port, ts)), ts);
                }
            }
            assertThat(stateEntries(h)).as("one value for the node's presence, GPUs and ports").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).as("one expiry timer for the node").isEqualTo(1);
            assertThat(presence(h)).extracting(p -> p.node + " " + p.present).containsExactly("n1 true");
        }
    }

    @Test
    void aNodeThatReportsOnlyNicCountersIsPresentAndExpires() throws Exception {
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.nic(nic("switch-facing", 1, T0)), T0);
            NodeHarness.watermark(h, T0 + DAY + Duration.ofHours(2).toMillis());

            assertThat(presence(h)).extracting(p -> p.node + " " + p.present).containsExactly("switch-facing true", "switch-facing false");
            assertThat(stateEntries(h)).isZero();
        }
    }

    private static NicCounters nic(String node, int port, long ts) {
        return NicCounters.newBuilder().setTs(ts).setNode(node).setDevice("mlx5_" + port).setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", 0L, "port_xmit_data", ts / 1000)).build();
    }

    private static int stateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private static List<NodePresence> presence(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return h.getSideOutput(NodeHardwareFunction.NODES).stream().map(StreamRecord::getValue).toList();
    }

    private static GpuSample sample(String cluster, String node, long ts, long sbeTotal) {
        return GpuSample.newBuilder().setTs(ts).setCluster(cluster).setNode(node).setGpu(0).setEccSbeVolatileTotal(sbeTotal).build();
    }
}
