package io.ballast.rules.hardware;

/**
 * Keyed state measuring how long a rate has stayed above a floor, so rules can tell a burst from a sustained fault
 * (e.g. PCIe replays above DCGM's 8/min for 5 minutes). Flink POJO.
 */
public class SustainedRate {
    private long aboveSinceTs = -1;

    public SustainedRate() {}

    /** Records one rate sample and returns the minutes it has been continuously above {@code floor} (0 if not). */
    public double update(long ts, double rate, double floor) {
        if (rate <= floor) {
            aboveSinceTs = -1;
            return 0;
        }
        if (aboveSinceTs < 0 || ts < aboveSinceTs) {
            aboveSinceTs = ts;
        }
        return (ts - aboveSinceTs) / 60_000.0;
    }

    public long getAboveSinceTs() { return aboveSinceTs; }
    public void setAboveSinceTs(long aboveSinceTs) { this.aboveSinceTs = aboveSinceTs; }
}
