package io.ballast.jobs.io;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import io.ballast.events.NicCounters;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Type of a contract record travelling between operators, serialized by {@link FlatRecordSerializer} where every field
 * is a scalar or a string (GPU samples, Xids, training steps, ...), by {@link NicCountersSerializer} for NIC samples,
 * else by {@link AvroRecordSerializer} (the Avro body through the class's generated coders).
 */
public final class AvroRecordTypeInfo<T extends SpecificRecordBase> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    public AvroRecordTypeInfo(Class<T> type) {
        this.type = type;
    }

    @Override public boolean isBasicType() { return false; }
    @Override public boolean isTupleType() { return false; }
    @Override public int getArity() { return 1; }
    @Override public int getTotalFields() { return 1; }
    @Override public Class<T> getTypeClass() { return type; }
    @Override public boolean isKeyType() { return false; }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        // NIC samples are half of all telemetry and mostly counter names: they get a serializer of their own.
        if (type == NicCounters.class) {
            return (TypeSerializer<T>) new NicCountersSerializer();
        }
        return FlatRecordSerializer.fits(SpecificData.get().getSchema(type)) ? new FlatRecordSerializer<>(type) : new AvroRecordSerializer<>(type);
    }

    @Override public String toString() { return "AvroRecord<" + type.getSimpleName() + ">"; }
    @Override public boolean equals(Object o) { return o instanceof AvroRecordTypeInfo<?> other && other.type == type; }
    @Override public int hashCode() { return type.hashCode(); }
    @Override public boolean canEqual(Object o) { return o instanceof AvroRecordTypeInfo; }
}
