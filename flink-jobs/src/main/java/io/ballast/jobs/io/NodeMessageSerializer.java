package io.ballast.jobs.io;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link NodeMessage}s across the keyed exchange: the header's fields, the position, and the message's bytes as they
 * are. Cluster, node and topic repeat from message to message and travel as a copy of the last one's bytes.
 */
public final class NodeMessageSerializer extends TypeSerializer<NodeMessage> {
    private static final long serialVersionUID = 1L;
    private static final int CLUSTER = 0;
    private static final int NODE = 1;
    private static final int TOPIC = 2;
    /** The largest message read back: far above any sample, far below what exhausts memory on a corrupt length. */
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private transient ExchangeStrings strings;

    public NodeMessageSerializer() {}

    private ExchangeStrings strings() {
        if (strings == null) {
            strings = new ExchangeStrings();
        }
        return strings;
    }

    @Override
    public void serialize(NodeMessage m, DataOutputView out) throws IOException {
        ExchangeStrings s = strings();
        out.writeLong(m.ts);
        s.write(m.cluster, out, CLUSTER);
        s.write(m.node, out, NODE);
        s.write(m.source, out);
        s.write(m.topic, out, TOPIC);
        out.writeInt(m.partition);
        out.writeLong(m.offset);
        out.writeLong(m.sourceTs);
        out.writeInt(m.message.length);
        out.write(m.message);
    }

    @Override
    public NodeMessage deserialize(DataInputView in) throws IOException {
        ExchangeStrings s = strings();
        long ts = in.readLong();
        String cluster = s.read(in, CLUSTER);
        String node = s.read(in, NODE);
        String source = s.read(in);
        String topic = s.read(in, TOPIC);
        int partition = in.readInt();
        long offset = in.readLong();
        long sourceTs = in.readLong();
        int length = in.readInt();
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new IOException("corrupt node message: length " + length);
        }
        byte[] message = new byte[length];
        in.readFully(message);
        return new NodeMessage(ts, cluster, node, message, source, topic, partition, offset, sourceTs);
    }

    @Override public NodeMessage deserialize(NodeMessage reuse, DataInputView in) throws IOException { return deserialize(in); }
    @Override public void copy(DataInputView in, DataOutputView out) throws IOException { serialize(deserialize(in), out); }
    /** Immutable, the message's bytes included: never written once built. */
    @Override public NodeMessage copy(NodeMessage from) { return from; }
    @Override public NodeMessage copy(NodeMessage from, NodeMessage reuse) { return from; }
    @Override public NodeMessage createInstance() { return null; }
    @Override public boolean isImmutableType() { return true; }
    @Override public int getLength() { return -1; }
    @Override public TypeSerializer<NodeMessage> duplicate() { return new NodeMessageSerializer(); } // its string buffers
    @Override public boolean equals(Object o) { return o instanceof NodeMessageSerializer; }
    @Override public int hashCode() { return NodeMessageSerializer.class.hashCode(); }

    @Override
    public TypeSerializerSnapshot<NodeMessage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores need a public class with a no-argument constructor. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NodeMessage> {
        public Snapshot() {
            super(NodeMessageSerializer::new);
        }
    }
}
