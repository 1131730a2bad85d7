package io.ballast.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The limit and job rates of the bench's measured passes, summarised by their medians: one run's limit can be twice
 * another's on the same machine (a 1-3 s window of a short loop), so a single pair makes a ratio that swings by 0.3.
 */
public final class Passes {
    private final List<Double> limits = new ArrayList<>();
    private final List<Double> jobs = new ArrayList<>();

    /** Records one pass: the limit measured just before the job, over the same records. */
    public void add(double limitEventsPerSecond, double jobEventsPerSecond) {
        limits.add(limitEventsPerSecond);
        jobs.add(jobEventsPerSecond);
    }

    public int count() {
        return limits.size();
    }

    public double limit() {
        return median(limits);
    }

    public double job() {
        return median(jobs);
    }

    /** Medians with each one's range, for the human-readable summary. */
    public String describe() {
        return String.format(Locale.ROOT, "over %d passes: limit median %.0f events/s (%.0f-%.0f), job median %.0f events/s (%.0f-%.0f), "
                        + "ratio of the medians %.3f",
                count(), limit(), min(limits), max(limits), job(), min(jobs), max(jobs), job() / limit());
    }

    /** The middle value; for an even count the mean of the two middle ones. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measured pass");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
