package io.ballast.jobs.io;

import io.ballast.codec.RecordFactory;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;
import java.util.function.Supplier;

/** What the serializers of contract records share: no reuse of instances, deep copies through Avro's model, strings. */
abstract class ContractRecordSerializer<T extends SpecificRecordBase> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private transient Supplier<T> constructor;
    private transient ExchangeStrings strings;

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public T copy(T from) {
        return SpecificData.get().deepCopy(from.getSchema(), from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    /** A new instance of a generated record class, its no-arg constructor looked up once per serializer. */
    T newRecord(Class<T> type) {
        if (constructor == null) {
            constructor = RecordFactory.of(type);
        }
        return constructor.get();
    }

    /** This instance's reader of strings (a serializer that uses it returns a new instance from {@code duplicate()}). */
    ExchangeStrings strings() {
        if (strings == null) {
            strings = new ExchangeStrings();
        }
        return strings;
    }

    @Override public boolean isImmutableType() { return false; }
    @Override public int getLength() { return -1; }
}
