package io.ballast.logic.stability;

/**
 * Keyed state of the spike detector of one job: robust windows of recent non-spike steps, the open incident (at
 * most one) and the ts -> step index. Flink POJO; windows are sized on the first step.
 */
public class SpikeState {
    public RollingWindow lossWindow;
    public RollingWindow gradNormWindow;
    public StepClock clock;
    public long lastStep = Long.MIN_VALUE;
    public long stepsSeen;

    public boolean open;
    public boolean persistent;
    public long onsetStep;
    public long onsetTs;
    public String trigger;
    public long peakStep;
    public double peakLoss;
    /** Loss median and robust sigma frozen at onset: the band the loss must come back to. */
    public double baselineMedian;
    public double baselineSigma;
    public int inBandStreak;
    public long inBandSinceStep;
    /** Onset step of the incident that already got its rollback plan; Long.MIN_VALUE if none. */
    public long rollbackPlannedForOnset = Long.MIN_VALUE;

    public SpikeState() {}
}
