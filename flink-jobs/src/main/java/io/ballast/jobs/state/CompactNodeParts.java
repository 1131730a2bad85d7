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
        b.putVarInt(h.gpuCount());
        if (h.gpuCount() == 0) {
            return;
        }
        long base = h.lastSeen();
        b.putLong(base);
        long source = FIRST_SOURCE;
        for (int i = 0; i < h.gpuCount(); i++) {
            GpuTrack t = h.trackAt(i);
            b.putVarInt(h.gpu(i));
            CompactCounters.append(t.counters, base, source, b);
            source = t.counters.getSource();
            b.putTime(t.nvlink.getAboveSinceTs(), base, NO_CLOCK);
            b.putTime(t.pcie.getAboveSinceTs(), base, NO_CLOCK);
        }
    }

    static void ports(NodeHardware h, Block b) {
        b.putVarInt(h.portCount());
        if (h.portCount() == 0) {
            return;
        }
        long base = h.lastSeen();
        b.putLong(base);
        long source = FIRST_SOURCE;
        for (int i = 0; i < h.portCount(); i++) {
            CounterTracker t = h.trackerAt(i);
            b.putVarUtf8(h.device(i));
            b.putVarInt(h.port(i));
            CompactCounters.append(t, base, source, b);
            source = t.getSource();
        }
    }

    static void readGpus(ByteReader r, NodeHardware h, int max) throws IOException {
        int n = r.count(max, "GPUs");
        long base = n == 0 ? 0 : r.fixedLong();
        long source = FIRST_SOURCE;
        for (int i = 0; i < n; i++) {
            int gpu = r.varInt();
            GpuTrack t = new GpuTrack();
            t.counters = CompactCounters.read(r, base, source);
            source = t.counters.getSource();
            t.nvlink.setAboveSinceTs(r.time(base, NO_CLOCK));
            t.pcie.setAboveSinceTs(r.time(base, NO_CLOCK));
            h.addGpu(gpu, t);
        }
        ended(r, "GPUs");
    }

    static void readPorts(ByteReader r, NodeHardware h, int max) throws IOException {
        int n = r.count(max, "NIC ports");
        long base = n == 0 ? 0 : r.fixedLong();
        long source = FIRST_SOURCE;
        for (int i = 0; i < n; i++) {
            String device = r.utf8();
            int port = r.varInt();
            CounterTracker t = CompactCounters.read(r, base, source);
            source = t.getSource();
            h.addPort(device, port, t);
        }
        ended(r, "NIC ports");
    }

    private static void ended(ByteReader r, String what) throws IOException {
        if (!r.atEnd()) {
            throw new IOException("corrupt " + what + ": bytes left after the last one");
        }
    }
}
