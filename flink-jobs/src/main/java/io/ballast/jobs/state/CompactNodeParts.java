package io.ballast.jobs.state;

import io.ballast.jobs.hardware.GpuTrack;
import io.ballast.jobs.hardware.NodeHardware;
import io.ballast.rules.hardware.CounterTracker;

import java.io.IOException;

/**
 * A node's GPUs and NIC ports as layout 4 of {@link NodeGpusSerializer} writes them: each part is a count, then (when
 * there is anything) the node's last-seen time at encoding as the base of every time in the part, then per GPU its
 * index, baselines ({@link CompactCounters}) and sustained-rate clocks, or per port its device, number and baselines.
 * A part carries its own base because it may go into many checkpoints unchanged while the node's last-seen time moves.
 */
final class CompactNodeParts {
    private static final long NO_CLOCK = -1;
    /** What the first tracker of a part compares its source with. */
    private static final long FIRST_SOURCE = 0;

    private CompactNodeParts() {}

    static void gpus(NodeHardware h, Block b) {
        write(h.gpuCount(), h.lastSeen(), b, (i, base, source) -> {
            GpuTrack t = h.trackAt(i);
            b.putVarInt(h.gpu(i));
            CompactCounters.append(t.counters, base, source, b);
            b.putTime(t.nvlink.getAboveSinceTs(), base, NO_CLOCK);
            b.putTime(t.pcie.getAboveSinceTs(), base, NO_CLOCK);
            return t.counters.getSource();
        });
    }

    static void ports(NodeHardware h, Block b) {
        write(h.portCount(), h.lastSeen(), b, (i, base, source) -> {
            CounterTracker t = h.trackerAt(i);
            b.putVarUtf8(h.device(i));
            b.putVarInt(h.port(i));
            CompactCounters.append(t, base, source, b);
            return t.getSource();
        });
    }

    static void readGpus(ByteReader r, NodeHardware h, int max) throws IOException {
        read(r, max, "GPUs", (base, source) -> {
            int gpu = r.varInt();
            GpuTrack t = new GpuTrack();
            t.counters = CompactCounters.read(r, base, source);
            t.nvlink.setAboveSinceTs(r.time(base, NO_CLOCK));
            t.pcie.setAboveSinceTs(r.time(base, NO_CLOCK));
            h.addGpu(gpu, t);
            return t.counters.getSource();
        });
    }

    static void readPorts(ByteReader r, NodeHardware h, int max) throws IOException {
        read(r, max, "NIC ports", (base, source) -> {
            String device = r.utf8();
            int port = r.varInt();
            CounterTracker t = CompactCounters.read(r, base, source);
            h.addPort(device, port, t);
            return t.getSource();
        });
    }

    /** Writes one GPU or port; returns its tracker's source, which the next one compares with. */
    private interface ItemWriter {
        long write(int i, long base, long previousSource);
    }

    /** Reads one GPU or port into the node; returns its tracker's source. */
    private interface ItemReader {
        long read(long base, long previousSource) throws IOException;
    }

    private static void write(int count, long base, Block b, ItemWriter item) {
        b.putVarInt(count);
        if (count == 0) {
            return;
        }
        b.putLong(base);
        long source = FIRST_SOURCE;
        for (int i = 0; i < count; i++) {
            source = item.write(i, base, source);
        }
    }

    private static void read(ByteReader r, int max, String what, ItemReader item) throws IOException {
        int n = r.count(max, what);
        long base = n == 0 ? 0 : r.fixedLong();
        long source = FIRST_SOURCE;
        for (int i = 0; i < n; i++) {
            source = item.read(base, source);
        }
        ended(r, what);
    }

    private static void ended(ByteReader r, String what) throws IOException {
        if (!r.atEnd()) {
            throw new IOException("corrupt " + what + ": bytes left after the last one");
        }
    }
}
