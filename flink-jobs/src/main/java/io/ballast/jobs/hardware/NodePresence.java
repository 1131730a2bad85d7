package io.ballast.jobs.hardware;

/**
 * A node started reporting hardware telemetry, or its hardware state expired (silent for a day): the drain guard
 * counts the nodes in between as the fleet. A Flink POJO.
 */
public class NodePresence {
    public String cluster;
    public String node;
    public long ts;
    /** true: the node reports; false: it has been silent long enough for its state to expire. */
    public boolean present;

    public NodePresence() {}

    public NodePresence(String cluster, String node, long ts, boolean present) {
        this.cluster = cluster;
        this.node = node;
        this.ts = ts;
        this.present = present;
    }
}
