package io.ballast.logic.stability;

import java.util.OptionalLong;

/**
 * Compact event-time -> step index of one job, sampled from its train_step stream, so hardware evidence that
 * carries only a timestamp can be placed on the step axis. Sampling at most every {@code spacingMs} means a lookup
 * may land up to one spacing earlier: the conservative direction for choosing a rollback target. Flink POJO.
 */
public class StepClock {
    public long[] timestamps = new long[0];
    public long[] steps = new long[0];
    public int size;
    public int next;
    public long lastSampleTs = Long.MIN_VALUE;

    public StepClock() {}

    public StepClock(int capacity) {
        timestamps = new long[capacity];
        steps = new long[capacity];
    }

    /** Records that {@code step} finished at {@code ts}, unless the previous sample is closer than spacing. */
    public void record(long ts, long step, long spacingMs) {
        if (size > 0 && ts >= lastSampleTs && ts - lastSampleTs < spacingMs) {
            return;
        }
        timestamps[next] = ts;
        steps[next] = step;
        next = (next + 1) % timestamps.length;
        size = Math.min(size + 1, timestamps.length);
        lastSampleTs = ts;
    }

    /** The step of the latest sample at or before {@code ts}; empty when ts predates every sample kept. */
    public OptionalLong stepAtOrBefore(long ts) {
        long bestTs = Long.MIN_VALUE;
        OptionalLong best = OptionalLong.empty();
        for (int i = 0; i < size; i++) {
            if (timestamps[i] <= ts && (best.isEmpty() || timestamps[i] >= bestTs)) {
                bestTs = timestamps[i];
                best = OptionalLong.of(steps[i]);
            }
        }
        return best;
    }

    /** The step of the oldest sample kept; empty before the first. */
    public OptionalLong oldestStep() {
        long bestTs = Long.MAX_VALUE;
        OptionalLong best = OptionalLong.empty();
        for (int i = 0; i < size; i++) {
            if (timestamps[i] < bestTs) {
                bestTs = timestamps[i];
                best = OptionalLong.of(steps[i]);
            }
        }
        return best;
    }
}
