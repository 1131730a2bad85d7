package io.ballast.cli.bench;

import io.ballast.sim.SimConfig;

import java.time.Duration;

/**
 * Sizes the simulated fleet for a target telemetry rate at real-time pace: per node 8 gpu_sample and 8 NIC samples
 * every 5 s, per MoE job one train_step and one expert_load per layer and rank every step (1 s).
 */
public final class BenchFleet {
    /** Jobs in a bench fleet: enough keys for the MoE stage without making per-job traffic dominate. */
    public static final int JOBS = 8;

    private BenchFleet() {}

    /** Telemetry events per second of event time that {@code c} generates (ignoring the rare sdc_check and checkpoint). */
    public static double eventsPerSecond(SimConfig c) {
        return c.nodes() * perNode(c) + c.jobs() * perJob(c);
    }

    /** A fleet that generates about {@code rate} events per second of event time, named {@code cluster}. */
    public static SimConfig forRate(double rate, String cluster, long startTs, Duration duration, long seed) {
        SimConfig base = withCluster(SimConfig.defaults(), cluster);
        int nodes = Math.max(JOBS, (int) Math.ceil((rate - JOBS * perJob(base)) / perNode(base)));
        return base.withFleet(nodes, JOBS).withStartTs(startTs).withDuration(duration).withSeed(seed);
    }

    private static double perNode(SimConfig c) {
        return c.gpusPerNode() * 1000.0 / c.gpuSampleInterval().toMillis() + c.planes() * 1000.0 / c.nicInterval().toMillis();
    }

    private static double perJob(SimConfig c) {
        return (1 + c.moeLayers() * c.ranksPerStep()) * 1000.0 / c.stepInterval().toMillis();
    }

    /** The same fleet under another cluster name, so that two phases of one run never share keyed state. */
    public static SimConfig withCluster(SimConfig c, String cluster) {
        return new SimConfig(cluster, c.nodes(), c.gpusPerNode(), c.planes(), c.nodesPerLeaf(), c.jobs(), c.moeLayers(), c.experts(),
                c.topK(), c.ranksPerStep(), c.tokensPerStep(), c.stepInterval(), c.gpuSampleInterval(), c.nicInterval(),
                c.checkpointEvery(), c.duration(), c.startTs(), c.seed());
    }
}
