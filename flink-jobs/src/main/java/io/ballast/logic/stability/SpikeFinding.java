package io.ballast.logic.stability;

/**
 * A change in a job's spike incident.
 *
 * @param kind OPENED (spike seen, class pending), TRANSIENT (back in band within R steps: annotate only),
 *     PERSISTENT (still elevated after R steps, or NaN/Inf: roll back), CLOSED (a persistent incident ended:
 *     loss back in band, or the job restarted from an earlier step)
 * @param trigger what opened the incident: {@code loss}, {@code grad_norm} or {@code non_finite}
 * @param baselineMedian loss median of the window before the onset
 */
public record SpikeFinding(Kind kind, String job, long step, long ts, long onsetStep, long onsetTs, String trigger,
                           long peakStep, double peakLoss, double baselineMedian, String summary) {

    /** Incident transitions. */
    public enum Kind { OPENED, TRANSIENT, PERSISTENT, CLOSED }

    public boolean needsRollback() {
        return kind == Kind.PERSISTENT;
    }
}
