package io.ballast.jobs.stability;

import io.ballast.events.Checkpoint;
import io.ballast.events.JobTopology;
import io.ballast.events.TrainStep;

/** One of a job's own signals (a step, a checkpoint or its topology), so one keyed operator sees them in order. */
public class JobSignal {
    public TrainStep trainStep;
    public Checkpoint checkpoint;
    public JobTopology topology;

    public JobSignal() {}

    public static JobSignal of(TrainStep s) {
        JobSignal j = new JobSignal();
        j.trainStep = s;
        return j;
    }

    public static JobSignal of(Checkpoint c) {
        JobSignal j = new JobSignal();
        j.checkpoint = c;
        return j;
    }

    public static JobSignal of(JobTopology t) {
        JobSignal j = new JobSignal();
        j.topology = t;
        return j;
    }
}
