package io.ballast.jobs.moe;

/** The global expert counts of one (job, step, layer), summed over all ranks. A Flink POJO. */
public class StepLoads {
    public String cluster;
    public String job;
    public long step;
    public int layer;
    public long[] counts;
    /** Event time of the last report that completed the step. */
    public long ts;

    public StepLoads() {}

    public StepLoads(String cluster, String job, long step, int layer, long[] counts, long ts) {
        this.cluster = cluster;
        this.job = job;
        this.step = step;
        this.layer = layer;
        this.counts = counts;
        this.ts = ts;
    }
}
