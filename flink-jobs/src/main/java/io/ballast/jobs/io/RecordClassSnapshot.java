package io.ballast.jobs.io;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;

/**
 * Snapshot of a contract-record serializer ({@link AvroRecordSerializer}, {@link FlatRecordSerializer}): names the
 * record class and which of the two wrote it. Another class, the other serializer or Flink's own Avro serializer is
 * incompatible.
 */
public final class RecordClassSnapshot<T extends SpecificRecordBase> implements TypeSerializerSnapshot<T> {
    private Class<T> type;
    private boolean flat;

    public RecordClassSnapshot() {}

    RecordClassSnapshot(Class<T> type, boolean flat) {
        this.type = type;
        this.flat = flat;
    }

    @Override public int getCurrentVersion() { return 1; }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
        out.writeBoolean(flat);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
        String name = in.readUTF();
        try {
            type = (Class<T>) Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IOException("record class " + name + " is not on the class path", e);
        }
        flat = in.readBoolean();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return flat ? new FlatRecordSerializer<>(type) : new AvroRecordSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        return old instanceof RecordClassSnapshot<T> o && o.type == type && o.flat == flat
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
