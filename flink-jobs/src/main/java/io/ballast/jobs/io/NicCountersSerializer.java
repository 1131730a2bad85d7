package io.ballast.jobs.io;

import io.ballast.codec.CounterMap;
import io.ballast.events.NicCounters;
import io.ballast.rules.hardware.CounterNames;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * NIC samples between operators, the busiest record kind: well-known counters travel as a 2-byte id instead of their
 * name, and come back as the shared name constant (hash already computed), so neither side encodes, decodes or hashes
 * seventeen strings per sample. Field by field: {@link #FIELDS} must list every field of the schema (a test checks).
 */
public final class NicCountersSerializer extends ContractRecordSerializer<NicCounters> {
    private static final long serialVersionUID = 1L;
    /** The schema's fields, in the order written. */
    static final List<String> FIELDS = List.of("ts", "cluster", "node", "device", "port", "plane", "switch", "link_state", "boot_id", "counters");
    private static final short UNNAMED = -1;

    @Override
    public void serialize(NicCounters r, DataOutputView out) throws IOException {
        ExchangeStrings s = strings();
        out.writeLong(r.getTs());
        s.write(r.getCluster(), out, 0);
        s.write(r.getNode(), out, 1);
        s.write(r.getDevice(), out, 2);
        out.writeInt(r.getPort());
        out.writeBoolean(r.getPlane() != null);
        if (r.getPlane() != null) {
            out.writeInt(r.getPlane());
        }
        s.write(r.getSwitch$(), out, 3);
        s.write(r.getLinkState(), out, 4);
        s.write(r.getBootId(), out, 5);
        Map<String, Long> counters = r.getCounters();
        out.writeInt(counters.size());
        if (counters instanceof CounterMap m) {
            for (int i = 0; i < m.size(); i++) {
                writeCounter(m.nameAt(i), CounterNames.idOf(m, i), m.valueAt(i), s, out);
            }
        } else {
            for (Map.Entry<String, Long> c : counters.entrySet()) {
                writeCounter(c.getKey(), CounterNames.idOf(c.getKey()), c.getValue(), s, out);
            }
        }
    }

    private static void writeCounter(String name, int id, long value, ExchangeStrings s, DataOutputView out) throws IOException {
        out.writeShort(id);
        if (id < 0) {
            s.write(name, out);
        }
        out.writeLong(value);
    }

    @Override
    public NicCounters deserialize(DataInputView in) throws IOException {
        ExchangeStrings s = strings();
        NicCounters r = new NicCounters();
        r.setTs(in.readLong());
        r.setCluster(s.read(in, 0));
        r.setNode(s.read(in, 1));
        r.setDevice(s.read(in, 2));
        r.setPort(in.readInt());
        r.setPlane(in.readBoolean() ? in.readInt() : null);
        r.setSwitch$(s.read(in, 3));
        r.setLinkState(s.read(in, 4));
        r.setBootId(s.read(in, 5));
        int n = in.readInt();
        CounterMap counters = new CounterMap(n); // keeps the order: copy() writes the same bytes
        for (int i = 0; i < n; i++) {
            short id = in.readShort();
            String name = id == UNNAMED ? s.read(in) : CounterNames.nameOf(id);
            counters.addDistinct(name, id, in.readLong()); // the sender's names were a map's keys; the id spares the tracker a lookup
        }
        r.setCounters(counters);
        return r;
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override public NicCounters createInstance() { return new NicCounters(); }
    @Override public TypeSerializer<NicCounters> duplicate() { return new NicCountersSerializer(); } // its string buffer
    @Override public boolean equals(Object o) { return o instanceof NicCountersSerializer; }
    @Override public int hashCode() { return NicCountersSerializer.class.hashCode(); }

    @Override
    public TypeSerializerSnapshot<NicCounters> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NicCounters> {
        public Snapshot() {
            super(NicCountersSerializer::new);
        }
    }
}
