package io.ballast.jobs.hardware;

import io.ballast.rules.hardware.CounterTracker;
import io.ballast.rules.hardware.SustainedRate;

/** Per-GPU counter baselines and sustained-rate clocks, kept in {@link NodeHardware}. */
public class GpuTrack {
    public CounterTracker counters = new CounterTracker();
    public SustainedRate nvlink = new SustainedRate();
    public SustainedRate pcie = new SustainedRate();

    public GpuTrack() {}
}
