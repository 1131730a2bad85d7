package io.ballast.logic.moe;

import io.ballast.logic.stability.RollingWindow;

/**
 * Rolling MaxVio of one layer: the mean of the last N per-step MaxVio_batch values, as the LFB paper smooths its
 * Fig. 3 curves over 100 neighbouring steps. (MaxVio over summed counts would be MaxVio_global, which hides the
 * per-step imbalance that sets all-to-all time.) Flink POJO.
 */
public class RollingMaxVio {
    public RollingWindow window = new RollingWindow(1);

    public RollingMaxVio() {}

    public RollingMaxVio(int steps) {
        this.window = new RollingWindow(steps);
    }

    public void add(double maxVioBatch) {
        window.add(maxVioBatch);
    }

    /** Mean of the values seen so far (up to N); NaN before the first. */
    public double value() {
        return window.mean();
    }

    public boolean isFull() {
        return window.isFull();
    }
}
