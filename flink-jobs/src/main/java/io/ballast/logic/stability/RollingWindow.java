package io.ballast.logic.stability;

import java.util.Arrays;

/**
 * Fixed-capacity ring of the most recent doubles with mean, median and MAD. A Flink POJO so it can
 * live inside keyed state; capacity is fixed by the first {@link #RollingWindow(int)} call.
 */
public class RollingWindow {
    /** Ring storage; its length is the capacity. */
    public double[] values = new double[0];
    /** How many slots hold a value (at most the capacity). */
    public int size;
    /** Slot the next value goes to. */
    public int next;

    public RollingWindow() {}

    public RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be at least 1, got " + capacity);
        }
        this.values = new double[capacity];
    }

    public void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    public boolean isFull() {
        return size == values.length;
    }

    public double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    public double median() {
        return size == 0 ? Double.NaN : medianOf(Arrays.copyOf(values, size));
    }

    /** Median absolute deviation from the median (unscaled). */
    public double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        double median = median();
        double[] deviations = new double[size];
        for (int i = 0; i < size; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return medianOf(deviations);
    }

    private static double medianOf(double[] data) {
        Arrays.sort(data);
        int mid = data.length / 2;
        return data.length % 2 == 1 ? data[mid] : (data[mid - 1] + data[mid]) / 2.0;
    }
}
