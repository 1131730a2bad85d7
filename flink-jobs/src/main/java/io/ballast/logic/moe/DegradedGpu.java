package io.ballast.logic.moe;

/**
 * A GPU (or a whole node, {@code gpu == null}) that the hardware side marked degraded, as the bias controller
 * remembers it until a quiet period passes. Flink POJO (kept in broadcast state).
 */
public class DegradedGpu {
    public String cluster;
    public String node;
    /** GPU index on the node; null when the finding is about the whole node (e.g. a drain without a GPU). */
    public Integer gpu;
    /** The hardware finding's name, e.g. {@code nvlink_errors} or {@code pcie_replay_sustained}. */
    public String finding;
    /** A drain is pending for the node: the full offset applies, not the half for a warning. */
    public boolean drainPending;
    /** Event time of the newest finding; the GPU counts as recovered a quiet period later. */
    public long lastTs;

    public DegradedGpu() {}

    public DegradedGpu(String cluster, String node, Integer gpu, String finding, boolean drainPending, long lastTs) {
        this.cluster = cluster;
        this.node = node;
        this.gpu = gpu;
        this.finding = finding;
        this.drainPending = drainPending;
        this.lastTs = lastTs;
    }

    /** Broadcast-state key: one entry per cluster, node and GPU. */
    public String key() {
        return cluster + "/" + node + "/" + (gpu == null ? "*" : gpu.toString());
    }

    /** {@code node/gpu} as job_topology.expert_hosts writes it, or the node alone. */
    public String host() {
        return gpu == null ? node : node + "/" + gpu;
    }

    /** Folds a newer finding in: the newest timestamp wins, and a pending drain stays pending. */
    public DegradedGpu merge(DegradedGpu newer) {
        DegradedGpu m = new DegradedGpu(cluster, node, gpu, newer.lastTs >= lastTs ? newer.finding : finding,
                drainPending || newer.drainPending, Math.max(lastTs, newer.lastTs));
        return m;
    }
}
