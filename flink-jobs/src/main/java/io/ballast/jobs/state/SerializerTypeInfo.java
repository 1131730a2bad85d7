package io.ballast.jobs.state;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/** Type information for a state type written by a serializer of its own instead of Flink's reflective POJO serializer. */
public final class SerializerTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final SerializableSupplier<TypeSerializer<T>> serializer;
    private final boolean key;

    /** {@code key}: whether the type may key a stream (its {@code hashCode} and {@code equals} are by value). */
    public SerializerTypeInfo(Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer, boolean key) {
        this.type = type;
        this.serializer = serializer;
        this.key = key;
    }

    @Override public boolean isBasicType() { return false; }
    @Override public boolean isTupleType() { return false; }
    @Override public int getArity() { return 1; }
    @Override public int getTotalFields() { return 1; }
    @Override public Class<T> getTypeClass() { return type; }
    @Override public boolean isKeyType() { return key; }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override public String toString() { return "Serialized<" + type.getSimpleName() + ">"; }
    @Override public boolean equals(Object o) { return o instanceof SerializerTypeInfo<?> other && other.type == type; }
    @Override public int hashCode() { return type.hashCode(); }
    @Override public boolean canEqual(Object o) { return o instanceof SerializerTypeInfo; }
}
