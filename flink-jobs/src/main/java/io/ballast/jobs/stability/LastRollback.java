package io.ballast.jobs.stability;

/** The job's last rollback: no new one while the job has not restarted from it and the cooldown runs. A Flink POJO. */
public class LastRollback {
    public long ts;
    public long spikeStep;
    /** The trainer went back to a step before the spike: the rollback was applied. */
    public boolean applied;

    public LastRollback() {}
}
