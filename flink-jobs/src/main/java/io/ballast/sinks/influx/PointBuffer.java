package io.ballast.sinks.influx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded buffer of line-protocol lines in two lanes. On overflow it drops the oldest metric
 * line first, and a priority (action or alert) line only when no metric line is left.
 * Not thread-safe: {@link InfluxWriter} guards it.
 */
final class PointBuffer {
    /** One buffered line and its lane. */
    record Line(String text, boolean priority) {}

    /** What an overflow threw away. */
    record Dropped(int metrics, int priority) {
        static final Dropped NONE = new Dropped(0, 0);

        int total() {
            return metrics + priority;
        }
    }

    private final int capacity;
    private final Deque<Line> priority = new ArrayDeque<>();
    private final Deque<Line> metrics = new ArrayDeque<>();

    PointBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    Dropped add(Line line) {
        (line.priority() ? priority : metrics).addLast(line);
        return trim();
    }

    /** Removes up to {@code max} lines, priority lane first, oldest first. */
    List<Line> take(int max) {
        List<Line> batch = new ArrayList<>(Math.min(max, size()));
        while (batch.size() < max && !priority.isEmpty()) {
            batch.add(priority.pollFirst());
        }
        while (batch.size() < max && !metrics.isEmpty()) {
            batch.add(metrics.pollFirst());
        }
        return batch;
    }

    /** Puts a batch that could not be written back in front (it is older than anything buffered since). */
    Dropped requeue(List<Line> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            Line line = batch.get(i);
            (line.priority() ? priority : metrics).addFirst(line);
        }
        return trim();
    }

    int size() {
        return priority.size() + metrics.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    private Dropped trim() {
        int droppedMetrics = 0;
        int droppedPriority = 0;
        while (size() > capacity) {
            if (!metrics.isEmpty()) {
                metrics.pollFirst();
                droppedMetrics++;
            } else {
                priority.pollFirst();
                droppedPriority++;
            }
        }
        return droppedMetrics + droppedPriority == 0 ? Dropped.NONE : new Dropped(droppedMetrics, droppedPriority);
    }
}
