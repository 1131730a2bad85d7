package io.ballast.jobs.stability;

/** A persistent spike waiting for event time to pass it, so every earlier hardware signal has arrived before the plan. */
public class PendingRollback {
    public long step;
    public long ts;
    public long onsetStep;
    public long onsetTs;
    public String trigger;
    public long peakStep;
    public double peakLoss;
    public double baselineMedian;
    public String summary;
    /** Opened spike, not yet persistent: a rollback only if hardware or SDC evidence precedes it. */
    public boolean needsCorroboration;
    /** Judged once without evidence: decided again if evidence before the onset arrives late. */
    public boolean awaitingEvidence;

    public PendingRollback() {}
}
