package io.ballast.jobs.hardware;

/** The first sign of life of a node: tells the drain guard how big the fleet is. A Flink POJO. */
public class NodeSeen {
    public String cluster;
    public String node;
    public long ts;

    public NodeSeen() {}

    public NodeSeen(String cluster, String node, long ts) {
        this.cluster = cluster;
        this.node = node;
        this.ts = ts;
    }
}
