package io.ballast.jobs.state;

import io.ballast.jobs.hardware.NodeHardware;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A node's hardware ({@link NodeHardware}): presence (last seen, the length of its key's cluster part), then its GPUs and
 * its NIC ports. Named for what it held first: checkpoints record the name. Layout 4 writes each part compactly
 * ({@link CompactNodeParts}, about a third of layout 3's bytes: the heap backend rewrites every node each checkpoint).
 * Layout 3 wrote per GPU its index and {@link GpuTrackSerializer} track, per port its device, number and
 * {@link CounterTrackerSerializer} baselines; layout 2 had no ports (they restore empty and the next samples fill them).
 * This build restores all three and writes layout 4. A part goes out as the bytes it kept from the last checkpoint
 * while it has not changed ({@link KeptBytes}); the presence is written fresh.
 */
public final class NodeGpusSerializer extends StateSerializer<NodeHardware> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_GPUS = 4096;
    private static final int MAX_PORTS = 4096;
    private static final int MAX_PART_BYTES = 64 << 20;
    private static final int GPUS_ONLY = 2;
    private static final int GPUS_AND_PORTS = 3;
    private static final int COMPACT = 4;
    private final GpuTrackSerializer tracks = new GpuTrackSerializer();
    private final CounterTrackerSerializer counters = new CounterTrackerSerializer();
    private final int layout;
    private transient DataOutputSerializer scratch;
    private transient ByteReader reader;

    public NodeGpusSerializer() {
        this(COMPACT);
    }

    private NodeGpusSerializer(int layout) {
        this.layout = layout;
    }

    @Override
    int layout() { return layout; }

    /** Reads (and, for upgrade tests, writes) an older layout. */
    @Override
    StateSerializer<NodeHardware> reading(int layout) {
        return layout >= GPUS_ONLY && layout <= COMPACT ? new NodeGpusSerializer(layout) : null;
    }

    @Override
    public void serialize(NodeHardware h, DataOutputView out) throws IOException {
        if (layout == COMPACT) {
            // One write per node: every call into the checkpoint stream goes through several layers.
            byte[] gpus = kept(h.gpuBytes(), h, this::compactGpus);
            byte[] ports = kept(h.portBytes(), h, this::compactPorts);
            Block b = presence(h);
            b.putBytes(gpus);
            b.putBytes(ports);
            b.flushTo(out);
            return;
        }
        presence(h).flushTo(out);
        out.write(kept(h.gpuBytes(), h, this::fixedGpus));
        if (layout == GPUS_AND_PORTS) {
            out.write(kept(h.portBytes(), h, this::fixedPorts));
        }
    }

    private Block presence(NodeHardware h) {
        Block b = tracks.block().begin();
        b.putLong(h.lastSeen());
        b.putInt(h.clusterLength());
        return b;
    }

    private interface Part {
        byte[] encode(NodeHardware h) throws IOException;
    }

    /** A part's kept bytes, or its encoding, kept for the next checkpoint. */
    private static byte[] kept(KeptBytes kept, NodeHardware h, Part part) throws IOException {
        byte[] bytes = kept.get();
        if (bytes == null) {
            bytes = part.encode(h);
            kept.set(bytes);
        }
        return bytes;
    }

    private byte[] compactGpus(NodeHardware h) {
        Block b = tracks.block().begin();
        CompactNodeParts.gpus(h, b);
        return b.toLengthPrefixed();
    }

    private byte[] compactPorts(NodeHardware h) {
        Block b = tracks.block().begin();
        CompactNodeParts.ports(h, b);
        return b.toLengthPrefixed();
    }

    private byte[] fixedGpus(NodeHardware h) throws IOException {
        DataOutputSerializer out = scratch();
        Block b = tracks.block().begin();
        b.putInt(h.gpuCount());
        for (int i = 0; i < h.gpuCount(); i++) {
            b.putInt(h.gpu(i));
            tracks.append(h.trackAt(i), b, out);
        }
        b.flushTo(out);
        return out.getCopyOfBuffer();
    }

    private byte[] fixedPorts(NodeHardware h) throws IOException {
        DataOutputSerializer out = scratch();
        Block b = tracks.block().begin();
        b.putInt(h.portCount());
        for (int i = 0; i < h.portCount(); i++) {
            b.putUtf8(h.device(i));
            b.putInt(h.port(i));
            counters.append(h.trackerAt(i), b, out);
        }
        b.flushTo(out);
        return out.getCopyOfBuffer();
    }

    private DataOutputSerializer scratch() {
        if (scratch == null) {
            scratch = new DataOutputSerializer(4096);
        }
        scratch.clear();
        return scratch;
    }

    @Override
    public NodeHardware deserialize(DataInputView in) throws IOException {
        long lastSeen = in.readLong();
        NodeHardware h = new NodeHardware(in.readInt());
        h.seen(lastSeen);
        if (layout == COMPACT) {
            if (reader == null) {
                reader = new ByteReader();
            }
            CompactNodeParts.readGpus(reader.part(in, MAX_PART_BYTES, "GPUs"), h, MAX_GPUS);
            CompactNodeParts.readPorts(reader.part(in, MAX_PART_BYTES, "NIC ports"), h, MAX_PORTS);
            return h;
        }
        int gpus = count(in, MAX_GPUS, "GPUs");
        for (int i = 0; i < gpus; i++) {
            h.addGpu(in.readInt(), tracks.deserialize(in));
        }
        int portCount = layout == GPUS_AND_PORTS ? count(in, MAX_PORTS, "NIC ports") : 0;
        for (int i = 0; i < portCount; i++) {
            String device = Utf8StringSerializer.INSTANCE.deserialize(in);
            h.addPort(device, in.readInt(), counters.deserialize(in));
        }
        return h;
    }

    @Override
    public NodeHardware copy(NodeHardware from) {
        NodeHardware h = new NodeHardware(from.clusterLength());
        h.seen(from.lastSeen());
        for (int i = 0; i < from.gpuCount(); i++) {
            h.addGpu(from.gpu(i), tracks.copy(from.trackAt(i)));
        }
        for (int i = 0; i < from.portCount(); i++) {
            h.addPort(from.device(i), from.port(i), counters.copy(from.trackerAt(i)));
        }
        return h;
    }

    @Override public NodeHardware createInstance() { return new NodeHardware(0); }
    @Override public TypeSerializer<NodeHardware> duplicate() { return new NodeGpusSerializer(layout); }
    @Override public boolean equals(Object o) { return o instanceof NodeGpusSerializer s && s.layout == layout; }
    @Override public int hashCode() { return layout; }
}
