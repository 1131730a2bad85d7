package io.ballast.jobs.state;

import io.ballast.jobs.hardware.NodeHardware;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A node's hardware ({@link NodeHardware}): presence (last seen, the length of its key's cluster part), its GPUs (count,
 * then per GPU its index and track, {@link GpuTrackSerializer}), then its NIC ports (count, then per port its device,
 * number and baselines, {@link CounterTrackerSerializer}). Named for what it held first: checkpoints record the name.
 * Layout 3 added the ports; a checkpoint of layout 2 (GPUs only) restores with no ports, which the next samples fill.
 * The GPUs and the ports go out as the bytes they kept from the last checkpoint when they have not changed since
 * ({@link KeptBytes}); the presence is written fresh, so a node that only reported again costs two array copies.
 */
public final class NodeGpusSerializer extends StateSerializer<NodeHardware> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_GPUS = 4096;
    private static final int MAX_PORTS = 4096;
    private static final int GPUS_ONLY = 2;
    private static final int GPUS_AND_PORTS = 3;
    private final GpuTrackSerializer tracks = new GpuTrackSerializer();
    private final CounterTrackerSerializer counters = new CounterTrackerSerializer();
    private final boolean ports;
    private transient DataOutputSerializer scratch;

    public NodeGpusSerializer() {
        this(true);
    }

    private NodeGpusSerializer(boolean ports) {
        this.ports = ports;
    }

    @Override
    int layout() { return ports ? GPUS_AND_PORTS : GPUS_ONLY; }

    @Override
    StateSerializer<NodeHardware> reading(int layout) {
        return layout == GPUS_ONLY ? new NodeGpusSerializer(false) : super.reading(layout);
    }

    @Override
    public void serialize(NodeHardware h, DataOutputView out) throws IOException {
        Block b = tracks.block().begin();
        b.putLong(h.lastSeen());
        b.putInt(h.clusterLength());
        b.flushTo(out);
        write(h.gpuBytes(), h, this::encodeGpus, out);
        if (ports) {
            write(h.portBytes(), h, this::encodePorts, out);
        }
    }

    private interface Part {
        void encode(NodeHardware h, DataOutputView out) throws IOException;
    }

    /** Writes a part's kept bytes, or encodes it and keeps the bytes for the next checkpoint. */
    private void write(KeptBytes kept, NodeHardware h, Part part, DataOutputView out) throws IOException {
        byte[] bytes = kept.get();
        if (bytes == null) {
            if (scratch == null) {
                scratch = new DataOutputSerializer(4096);
            }
            scratch.clear();
            part.encode(h, scratch);
            bytes = scratch.getCopyOfBuffer();
            kept.set(bytes);
        }
        out.write(bytes);
    }

    private void encodeGpus(NodeHardware h, DataOutputView out) throws IOException {
        Block b = tracks.block().begin();
        b.putInt(h.gpuCount());
        for (int i = 0; i < h.gpuCount(); i++) {
            b.putInt(h.gpu(i));
            tracks.append(h.trackAt(i), b, out);
        }
        b.flushTo(out);
    }

    private void encodePorts(NodeHardware h, DataOutputView out) throws IOException {
        Block b = tracks.block().begin();
        b.putInt(h.portCount());
        for (int i = 0; i < h.portCount(); i++) {
            b.putUtf8(h.device(i));
            b.putInt(h.port(i));
            counters.append(h.trackerAt(i), b, out);
        }
        b.flushTo(out);
    }

    @Override
    public NodeHardware deserialize(DataInputView in) throws IOException {
        long lastSeen = in.readLong();
        NodeHardware h = new NodeHardware(in.readInt());
        h.seen(lastSeen);
        int gpus = count(in, MAX_GPUS, "GPUs");
        for (int i = 0; i < gpus; i++) {
            h.addGpu(in.readInt(), tracks.deserialize(in));
        }
        int portCount = ports ? count(in, MAX_PORTS, "NIC ports") : 0;
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
    @Override public TypeSerializer<NodeHardware> duplicate() { return new NodeGpusSerializer(ports); }
    @Override public boolean equals(Object o) { return o instanceof NodeGpusSerializer s && s.ports == ports; }
    @Override public int hashCode() { return Boolean.hashCode(ports); }
}
