package io.ballast.jobs.moe;

import io.ballast.events.JobTopology;
import io.ballast.jobs.config.Configs;

import java.util.ArrayList;
import java.util.List;

/** What the bias controller needs from a job's topology: its update rate and where each expert lives. A Flink POJO. */
public class JobPlacement {
    public String cluster;
    public String job;
    public long ts;
    /** The job's {@code bias_update_rate}, null for the configured rate. */
    public Double biasUpdateRate;
    /** {@code node/gpu} per expert index, empty when the job did not say. */
    public List<String> expertHosts = new ArrayList<>();

    public JobPlacement() {}

    public static JobPlacement of(JobTopology t) {
        JobPlacement p = new JobPlacement();
        p.cluster = Configs.cluster(t.getCluster());
        p.job = t.getJob();
        p.ts = t.getTs();
        p.biasUpdateRate = t.getBiasUpdateRate();
        if (t.getExpertHosts() != null) {
            t.getExpertHosts().forEach(h -> p.expertHosts.add(h == null ? null : h.toString()));
        }
        return p;
    }
}
