package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.Xid;
import io.ballast.rules.Decision;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node function tells the drain guard when a node starts reporting and when its state expires, once each; and a
 * healthy node keeps one state value, its GPU baselines, which is what a checkpoint of a large fleet writes per node.
 */
class NodePresenceTest {
    static final long T0 = 1_795_486_326_000L;
    static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void aNodeJoinsOnceAndLeavesWhenItsStateExpires() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h = harness()) {
            for (long ts = T0; ts < T0 + 60_000; ts += 5_000) {
                h.processElement(Either.Right(sample("pod/a", "gpu/1", ts, 0)), ts);
                h.processElement(Either.Right(sample("pod/a", "gpu/2", ts, 0)), ts);
            }
            assertThat(presence(h)).extracting(p -> p.cluster + " " + p.node + " " + p.present)
                    .containsExactly("pod/a gpu/1 true", "pod/a gpu/2 true");

            h.processElement(Either.Right(sample("pod/a", "gpu/2", T0 + DAY, 0)), T0 + DAY); // only gpu/2 keeps reporting
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + DAY + Duration.ofHours(2).toMillis());

            assertThat(presence(h)).extracting(p -> p.cluster + " " + p.node + " " + p.present)
                    .containsExactly("pod/a gpu/1 true", "pod/a gpu/2 true", "pod/a gpu/1 false");
            assertThat(stateEntries(h)).as("gpu/1's state is gone, gpu/2's baselines stay").isEqualTo(1);
        }
    }

    @Test
    void aHealthyNodeKeepsOnlyItsBaselinesAndANotableOneItsFactsUntilTheyAgeOut() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h = harness()) {
            h.processElement(Either.Right(sample("default", "healthy", T0, 0)), T0);
            h.processElement(Either.Right(sample("default", "sick", T0, 0)), T0);
            h.processElement(Either.Right(sample("default", "sick", T0 + 5_000, 3)), T0 + 5_000); // SBE errors
            assertThat(stateEntries(h)).as("two nodes' baselines and the sick node's pending fact").isEqualTo(3);

            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + 5_000);
            h.processElement(Either.Right(sample("default", "sick", T0 + Duration.ofHours(1).toMillis(), 3)), T0 + Duration.ofHours(1).toMillis());
            h.processWatermark(T0 + Duration.ofHours(1).toMillis());
            assertThat(stateEntries(h)).as("the sick node recovered and its facts aged out of the window").isEqualTo(2);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new NodeHardwareFunction(new Configuration(), Duration.ofMinutes(10)), NodeKey::ofHardware, Types.STRING, RulesBroadcast.STATE);
    }

    private static int stateEntries(KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private static List<NodePresence> presence(KeyedBroadcastOperatorTestHarness<String, Either<Xid, GpuSample>, SignedRuleSet, Decision> h) {
        return h.getSideOutput(NodeHardwareFunction.NODES).stream().map(StreamRecord::getValue).toList();
    }

    private static GpuSample sample(String cluster, String node, long ts, long sbeTotal) {
        return GpuSample.newBuilder().setTs(ts).setCluster(cluster).setNode(node).setGpu(0).setEccSbeVolatileTotal(sbeTotal).build();
    }
}
