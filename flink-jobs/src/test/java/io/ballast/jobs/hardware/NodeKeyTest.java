package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.rules.facts.Clusters;

import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeKeyTest {
    @Test
    void everyInputKindIsKeyedByClusterAndNodeWhateverCameBefore() throws Exception {
        NodeKey.OfHardware key = new NodeKey.OfHardware();
        String node = "gpu-node-7";

        String first = key.getKey(gpu("h100-a", node));
        assertThat(first).isEqualTo("h100-a/gpu-node-7");
        assertThat(key.getKey(gpu("h100-a", node))).as("the same strings again: the kept key").isSameAs(first);
        assertThat(key.getKey(nic("h100-a", new String(node.toCharArray())))).as("equal strings, other instances").isEqualTo(first);
        assertThat(key.getKey(nic("h100-b", node))).isEqualTo("h100-b/gpu-node-7");
        assertThat(key.getKey(xid(null, node))).isEqualTo(Clusters.orDefault(null) + "/gpu-node-7");
        assertThat(key.getKey(xid("h100-b", "gpu-node-8"))).isEqualTo("h100-b/gpu-node-8");
        assertThat(key.getKey(gpu("h100-a", node))).isEqualTo(NodeKey.ofHardware(gpu("h100-a", node)));
    }

    private static Either<NodeMessage, Xid> gpu(String cluster, String node) {
        return NodeInput.gpu(GpuSample.newBuilder().setTs(1L).setCluster(cluster).setNode(node).setGpu(0).build());
    }

    private static Either<NodeMessage, Xid> nic(String cluster, String node) {
        return NodeInput.nic(NicCounters.newBuilder().setTs(1L).setCluster(cluster).setNode(node).setDevice("mlx5_0").setPort(1)
                .setBootId("b").setCounters(Map.of()).build());
    }

    private static Either<NodeMessage, Xid> xid(String cluster, String node) {
        return NodeInput.xid(Xid.newBuilder().setTs(1L).setCluster(cluster).setNode(node).setXid(79).setMessage("m").build());
    }
}
