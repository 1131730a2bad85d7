package io.ballast.jobs.state;

import io.ballast.jobs.hardware.NodePorts;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** A node's ports: last seen, count, then per port its device, number and baselines ({@link CounterTrackerSerializer}). */
public final class NodePortsSerializer extends CheckpointedValueSerializer<NodePorts> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PORTS = 4096;
    private final CounterTrackerSerializer counters = new CounterTrackerSerializer();

    @Override
    void encode(NodePorts p, DataOutputView out) throws IOException {
        Block b = counters.block().begin();
        b.putLong(p.lastSeen());
        b.putInt(p.size());
        for (int i = 0; i < p.size(); i++) {
            b.putUtf8(p.device(i));
            b.putInt(p.port(i));
            counters.append(p.trackerAt(i), b, out);
        }
        b.flushTo(out);
    }

    @Override
    public NodePorts deserialize(DataInputView in) throws IOException {
        NodePorts p = new NodePorts();
        p.seen(in.readLong());
        int n = count(in, MAX_PORTS, "NIC ports");
        for (int i = 0; i < n; i++) {
            String device = Utf8StringSerializer.INSTANCE.deserialize(in);
            p.add(device, in.readInt(), counters.deserialize(in));
        }
        return p;
    }

    @Override
    public NodePorts copy(NodePorts from) {
        NodePorts p = new NodePorts();
        p.seen(from.lastSeen());
        for (int i = 0; i < from.size(); i++) {
            p.add(from.device(i), from.port(i), counters.copy(from.trackerAt(i)));
        }
        return p;
    }

    @Override public NodePorts createInstance() { return new NodePorts(); }
}
