package io.ballast.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape and pace of the simulated fleet: nodes of 8 GPUs and 8 NICs (NIC k on plane k, behind leaf switch
 * {@code leaf-p<k>-<node / nodesPerLeaf>}), MoE jobs splitting the nodes evenly, and the seed that makes a run repeatable.
 */
public record SimConfig(
        String cluster,
        int nodes,
        int gpusPerNode,
        int planes,
        int nodesPerLeaf,
        int jobs,
        int moeLayers,
        int experts,
        int topK,
        int ranksPerStep,
        int tokensPerStep,
        Duration stepInterval,
        Duration gpuSampleInterval,
        Duration nicInterval,
        int checkpointEvery,
        Duration duration,
        long startTs,
        long seed) {

    /** 2026-01-01T00:00:00Z: a fixed start (in the past) so that traces are byte-for-byte reproducible. */
    public static final long DEFAULT_START_TS = 1_767_225_600_000L;

    public SimConfig {
        require(nodes >= 1 && gpusPerNode >= 1 && planes >= 1 && nodesPerLeaf >= 1, "nodes, gpusPerNode, planes, nodesPerLeaf must be >= 1");
        require(jobs >= 1 && jobs <= nodes, "jobs must be between 1 and nodes");
        require(moeLayers >= 1 && experts >= 2 && topK >= 1 && topK < experts, "need moeLayers >= 1 and 1 <= topK < experts");
        require(ranksPerStep >= 1 && tokensPerStep >= ranksPerStep, "need ranksPerStep >= 1 and tokensPerStep >= ranksPerStep");
        require(checkpointEvery >= 1, "checkpointEvery must be >= 1");
        for (Duration d : List.of(stepInterval, gpuSampleInterval, nicInterval, duration)) {
            require(d != null && d.toMillis() > 0, "intervals and duration must be positive");
        }
    }

    public static SimConfig defaults() {
        return new SimConfig("sim", 16, 8, 8, 8, 2, 4, 16, 2, 4, 2048,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), 50,
                Duration.ofMinutes(2), DEFAULT_START_TS, 42L);
    }

    public SimConfig withDuration(Duration d) {
        return new SimConfig(cluster, nodes, gpusPerNode, planes, nodesPerLeaf, jobs, moeLayers, experts, topK, ranksPerStep,
                tokensPerStep, stepInterval, gpuSampleInterval, nicInterval, checkpointEvery, d, startTs, seed);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(cluster, nodes, gpusPerNode, planes, nodesPerLeaf, jobs, moeLayers, experts, topK, ranksPerStep,
                tokensPerStep, stepInterval, gpuSampleInterval, nicInterval, checkpointEvery, duration, startTs, s);
    }

    /** For the live demo: start at the current time instead of the fixed default. */
    public SimConfig withStartTs(long ts) {
        return new SimConfig(cluster, nodes, gpusPerNode, planes, nodesPerLeaf, jobs, moeLayers, experts, topK, ranksPerStep,
                tokensPerStep, stepInterval, gpuSampleInterval, nicInterval, checkpointEvery, duration, ts, seed);
    }

    public SimConfig withFleet(int nodeCount, int jobCount) {
        return new SimConfig(cluster, nodeCount, gpusPerNode, planes, nodesPerLeaf, jobCount, moeLayers, experts, topK, ranksPerStep,
                tokensPerStep, stepInterval, gpuSampleInterval, nicInterval, checkpointEvery, duration, startTs, seed);
    }

    public long endTs() {
        return startTs + duration.toMillis();
    }

    public String nodeName(int index) {
        return String.format("gpu-node-%03d", index + 1);
    }

    public String jobName(int index) {
        return "job-moe-" + (index + 1);
    }

    /** Node indices of job {@code job}: the fleet split into equal contiguous blocks, the last job taking the rest. */
    public List<Integer> jobNodes(int job) {
        int per = nodes / jobs;
        int from = job * per;
        int to = job == jobs - 1 ? nodes : from + per;
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    public String leafSwitch(int node, int plane) {
        return "leaf-p" + plane + "-" + (node / nodesPerLeaf);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("SimConfig: " + message);
        }
    }
}
