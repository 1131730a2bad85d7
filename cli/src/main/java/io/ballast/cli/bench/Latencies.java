package io.ballast.cli.bench;

import java.util.Arrays;
import java.util.function.LongPredicate;

/** Latency samples in milliseconds, each with the event time it was measured from; thread-safe to add, with nearest-rank percentiles. */
public final class Latencies {
    private long[] samples = new long[1024];
    private long[] eventTimes = new long[1024];
    private int size;

    /** @param eventTs the event time the latency is measured from */
    public synchronized void add(long eventTs, long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
            eventTimes = Arrays.copyOf(eventTimes, size * 2);
        }
        eventTimes[size] = eventTs;
        samples[size++] = millis;
    }

    /** The samples of events at or after {@code eventTs}. */
    public Latencies from(long eventTs) {
        return select(t -> t >= eventTs);
    }

    /** The samples of events before {@code eventTs}. */
    public Latencies before(long eventTs) {
        return select(t -> t < eventTs);
    }

    private synchronized Latencies select(LongPredicate eventTime) {
        Latencies part = new Latencies();
        for (int i = 0; i < size; i++) {
            if (eventTime.test(eventTimes[i])) {
                part.add(eventTimes[i], samples[i]);
            }
        }
        return part;
    }

    public synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile ({@code p} in (0, 100]); -1 when there are no samples. */
    public synchronized long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }
}
