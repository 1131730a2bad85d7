package io.ballast.jobs.moe;

/** One keyed input of the bias controller: either a completed step or a topology change of the job. A Flink POJO. */
public class JobInput {
    public StepLoads loads;
    public JobPlacement placement;

    public JobInput() {}

    public static JobInput of(StepLoads loads) {
        JobInput in = new JobInput();
        in.loads = loads;
        return in;
    }

    public static JobInput of(JobPlacement placement) {
        JobInput in = new JobInput();
        in.placement = placement;
        return in;
    }

    /** The (cluster, job) key. */
    public String key() {
        return loads != null ? loads.cluster + "/" + loads.job : placement.cluster + "/" + placement.job;
    }
}
