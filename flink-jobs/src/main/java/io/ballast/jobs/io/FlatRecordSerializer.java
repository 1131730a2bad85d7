package io.ballast.jobs.io;

import io.ballast.codec.FlatSchema;
import io.ballast.codec.FlatSchema.Kind;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;

/**
 * Contract records whose fields are all scalars or strings, optional or not (gpu_sample, xid, train_step, ...), between
 * operators: one bit per field saying it is set, then the set values at fixed width, with no Avro grammar to walk per
 * field. The layout follows the class's schema, so a field added to the contract travels without a code change.
 */
public final class FlatRecordSerializer<T extends SpecificRecordBase> extends ContractRecordSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient Kind[] kinds;
    /** The record's fields between the presence mask and the values; this instance's own, like its string buffer. */
    private transient Object[] values;

    public FlatRecordSerializer(Class<T> type) {
        this.type = type;
        if (!fits(SpecificData.get().getSchema(type))) {
            throw new IllegalArgumentException(type.getSimpleName() + " has a field that is not a scalar or a string");
        }
    }

    /** Whether records of this schema fit: at most 64 fields, each a scalar or string, or a union of null and one. */
    public static boolean fits(Schema schema) {
        return FlatSchema.kinds(schema) != null;
    }

    private Kind[] kinds() {
        if (kinds == null) {
            kinds = FlatSchema.kinds(SpecificData.get().getSchema(type));
        }
        return kinds;
    }

    @Override
    public void serialize(T record, DataOutputView out) throws IOException {
        Kind[] k = kinds();
        ExchangeStrings s = strings();
        Object[] v = values(k.length);
        long set = 0;
        for (int i = 0; i < k.length; i++) {
            v[i] = record.get(i); // once: a generated record boxes its primitive fields on every get
            if (v[i] != null) {
                set |= 1L << i;
            }
        }
        out.writeLong(set);
        for (int i = 0; i < k.length; i++) {
            if (v[i] == null) {
                continue;
            }
            switch (k[i]) {
                case LONG -> out.writeLong((Long) v[i]);
                case INT -> out.writeInt((Integer) v[i]);
                case DOUBLE -> out.writeDouble((Double) v[i]);
                case FLOAT -> out.writeFloat((Float) v[i]);
                case BOOLEAN -> out.writeBoolean((Boolean) v[i]);
                case STRING -> s.write(v[i].toString(), out, i);
            }
            v[i] = null; // holds no record past the call
        }
    }

    private Object[] values(int n) {
        if (values == null || values.length < n) {
            values = new Object[n];
        }
        return values;
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        Kind[] k = kinds();
        ExchangeStrings s = strings();
        T record = createInstance();
        long set = in.readLong();
        for (int i = 0; i < k.length; i++) {
            if ((set & (1L << i)) == 0) {
                continue;
            }
            record.put(i, switch (k[i]) {
                case LONG -> in.readLong();
                case INT -> in.readInt();
                case DOUBLE -> in.readDouble();
                case FLOAT -> in.readFloat();
                case BOOLEAN -> in.readBoolean();
                case STRING -> s.read(in, i);
            });
        }
        return record;
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public T createInstance() {
        return newRecord(type);
    }

    @Override public TypeSerializer<T> duplicate() { return new FlatRecordSerializer<>(type); } // its buffers
    @Override public boolean equals(Object o) { return o instanceof FlatRecordSerializer<?> other && other.type == type; }
    @Override public int hashCode() { return type.hashCode() * 31 + 1; }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new RecordClassSnapshot<>(type, true);
    }
}
