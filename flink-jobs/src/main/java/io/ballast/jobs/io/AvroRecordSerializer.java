package io.ballast.jobs.io;

import io.ballast.codec.AvroBody;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;

/**
 * Serializes a contract record as its length-prefixed Avro body (current schema) with the class's generated coders.
 * Meant for records between operators; keyed state keeps its own types. Stateful buffers: {@link #duplicate()} per thread.
 */
public final class AvroRecordSerializer<T extends SpecificRecordBase> extends ContractRecordSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private transient AvroBody<T> body;
    private transient byte[] in;

    public AvroRecordSerializer(Class<T> type) {
        this.type = type;
    }

    private AvroBody<T> body() {
        if (body == null) {
            body = new AvroBody<>(SpecificData.get().getSchema(type));
        }
        return body;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        AvroBody<T> b = body();
        int length = b.write(record);
        target.writeInt(length);
        target.write(b.buffer(), 0, length);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        AvroBody<T> b = body();
        int length = readBody(source); // first: it may replace the buffer
        return b.read(in, 0, length);
    }

    private int readBody(DataInputView source) throws IOException {
        int length = source.readInt();
        if (in == null || in.length < length) {
            in = new byte[Math.max(length, in == null ? 512 : in.length * 2)];
        }
        source.readFully(in, 0, length);
        return length;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = readBody(source);
        target.writeInt(length);
        target.write(in, 0, length); // not write(source, n): Flink's growable output refuses to grow for that one
    }

    @Override
    public T createInstance() {
        return newRecord(type);
    }

    @Override public TypeSerializer<T> duplicate() { return new AvroRecordSerializer<>(type); }
    @Override public boolean equals(Object o) { return o instanceof AvroRecordSerializer<?> other && other.type == type; }
    @Override public int hashCode() { return type.hashCode(); }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new RecordClassSnapshot<>(type, false);
    }
}
