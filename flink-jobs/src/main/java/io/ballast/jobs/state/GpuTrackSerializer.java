package io.ballast.jobs.state;

import io.ballast.jobs.hardware.GpuTrack;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** A GPU's counter baselines ({@link CounterTrackerSerializer}) and its two sustained-rate clocks. */
public final class GpuTrackSerializer extends StateSerializer<GpuTrack> {
    private static final long serialVersionUID = 1L;
    private final CounterTrackerSerializer counters = new CounterTrackerSerializer();

    @Override
    public void serialize(GpuTrack t, DataOutputView out) throws IOException {
        Block b = counters.block().begin();
        append(t, b, out);
        b.flushTo(out);
    }

    void append(GpuTrack t, Block b, DataOutputView out) throws IOException {
        counters.append(t.counters, b, out);
        b.putLong(t.nvlink.getAboveSinceTs());
        b.putLong(t.pcie.getAboveSinceTs());
    }

    Block block() {
        return counters.block();
    }

    @Override
    public GpuTrack deserialize(DataInputView in) throws IOException {
        GpuTrack t = new GpuTrack();
        t.counters = counters.deserialize(in);
        t.nvlink.setAboveSinceTs(in.readLong());
        t.pcie.setAboveSinceTs(in.readLong());
        return t;
    }

    @Override
    public GpuTrack copy(GpuTrack from) {
        GpuTrack t = new GpuTrack();
        t.counters = counters.copy(from.counters);
        t.nvlink.setAboveSinceTs(from.nvlink.getAboveSinceTs());
        t.pcie.setAboveSinceTs(from.pcie.getAboveSinceTs());
        return t;
    }

    @Override public GpuTrack createInstance() { return new GpuTrack(); }
}
