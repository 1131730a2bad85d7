package io.ballast.jobs.state;

import io.ballast.jobs.hardware.NodeGpus;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** A node's presence (last seen, the length of its key's cluster part), then its GPUs: count, then per GPU its index and track ({@link GpuTrackSerializer}). */
public final class NodeGpusSerializer extends CheckpointedValueSerializer<NodeGpus> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_GPUS = 4096;
    private final GpuTrackSerializer tracks = new GpuTrackSerializer();

    @Override
    int layout() { return 2; } // 2: presence before the GPUs

    @Override
    void encode(NodeGpus g, DataOutputView out) throws IOException {
        Block b = tracks.block().begin();
        b.putLong(g.lastSeen());
        b.putInt(g.clusterLength());
        b.putInt(g.size());
        for (int i = 0; i < g.size(); i++) {
            b.putInt(g.gpu(i));
            tracks.append(g.trackAt(i), b, out);
        }
        b.flushTo(out);
    }

    @Override
    public NodeGpus deserialize(DataInputView in) throws IOException {
        long lastSeen = in.readLong();
        NodeGpus g = new NodeGpus(in.readInt());
        g.seen(lastSeen);
        int n = count(in, MAX_GPUS, "GPUs");
        for (int i = 0; i < n; i++) {
            g.add(in.readInt(), tracks.deserialize(in));
        }
        return g;
    }

    @Override
    public NodeGpus copy(NodeGpus from) {
        NodeGpus g = new NodeGpus(from.clusterLength());
        g.seen(from.lastSeen());
        for (int i = 0; i < from.size(); i++) {
            g.add(from.gpu(i), tracks.copy(from.trackAt(i)));
        }
        return g;
    }

    @Override public NodeGpus createInstance() { return new NodeGpus(0); }
}
