package io.ballast.jobs.io;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;

/**
 * Snapshot of a contract-record serializer: names the record class. A snapshot of another class, or of another
 * serializer (another subclass, or Flink's own Avro serializer), is incompatible.
 */
abstract class RecordClassSnapshot<T extends SpecificRecordBase> implements TypeSerializerSnapshot<T> {
    protected Class<T> type;

    RecordClassSnapshot() {}

    RecordClassSnapshot(Class<T> type) {
        this.type = type;
    }

    @Override public int getCurrentVersion() { return 1; }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
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
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        return old != null && old.getClass() == getClass() && ((RecordClassSnapshot<T>) old).type == type
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
