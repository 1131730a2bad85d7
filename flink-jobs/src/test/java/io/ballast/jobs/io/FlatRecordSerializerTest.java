package io.ballast.jobs.io;

import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flat contract records between operators: every field of the schema, set or not, comes back as it went. */
class FlatRecordSerializerTest {

    @ParameterizedTest
    @ValueSource(classes = {GpuSample.class, Xid.class, TrainStep.class, SdcCheck.class, Checkpoint.class})
    void everyFlatTelemetryTypeTravelsFieldByFieldWithEveryFieldSetOrOnlyTheRequiredOnes(Class<? extends SpecificRecordBase> type)
            throws IOException {
        TypeSerializer<SpecificRecordBase> serializer = serializer(type);
        assertThat(serializer).isInstanceOf(FlatRecordSerializer.class);
        SpecificRecordBase full = filled(type, false);
        SpecificRecordBase sparse = filled(type, true);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(full, out);
        serializer.serialize(sparse, out);
        serializer.serialize(full, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in)).isEqualTo(full);
        assertThat(serializer.deserialize(in)).isEqualTo(sparse);
        assertThat(serializer.duplicate()).as("a copy with a buffer of its own").isNotSameAs(serializer).isEqualTo(serializer);
        assertThat(serializer.duplicate().deserialize(in)).isEqualTo(full);
        assertThat(in.available()).isZero();
    }

    @Test
    void stringsOfAnyLengthAndScriptSurvive() throws IOException {
        TypeSerializer<Xid> serializer = serializer(Xid.class);
        Xid xid = Xid.newBuilder().setTs(1_795_486_326_353L).setNode("gpu-nöde-☃").setXid(79)
                .setMessage("x".repeat(70_000) + " 𝄞").build(); // past writeUTF's 64 KiB, and a surrogate pair
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(xid, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(xid);
    }

    @Test
    void copyingBetweenViewsAndDeepCopiesKeepTheRecord() throws IOException {
        TypeSerializer<GpuSample> serializer = serializer(GpuSample.class);
        GpuSample sample = (GpuSample) filled(GpuSample.class, false);
        DataOutputSerializer original = new DataOutputSerializer(64);
        serializer.serialize(sample, original);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(original.getCopyOfBuffer()), copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
        GpuSample copy = serializer.copy(sample);
        copy.setEccDbeVolatileTotal(99L);
        assertThat(sample.getEccDbeVolatileTotal()).isNotEqualTo(99L);
    }

    @Test
    void recordsWithArraysOrMapsKeepTheirOwnSerializers() {
        assertThat(FlatRecordSerializer.fits(ExpertLoad.getClassSchema())).isFalse();
        assertThat(serializer(ExpertLoad.class)).isInstanceOf(AvroRecordSerializer.class);
        assertThat(serializer(NicCounters.class)).isInstanceOf(NicCountersSerializer.class);
        assertThatThrownBy(() -> new FlatRecordSerializer<>(ExpertLoad.class)).hasMessageContaining("not a scalar or a string");
    }

    @Test
    void theSnapshotRestoresTheSerializerAndRefusesAnotherClassOrTheAvroLayout() throws IOException {
        TypeSerializer<GpuSample> flat = serializer(GpuSample.class);
        TypeSerializerSnapshot<GpuSample> snapshot = flat.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        RecordClassSnapshot<GpuSample> read = new RecordClassSnapshot<>();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(serializer(GpuSample.class));
        assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        TypeSerializerSnapshot<GpuSample> avro = new AvroRecordSerializer<>(GpuSample.class).snapshotConfiguration();
        assertThat(read.resolveSchemaCompatibility(avro).isIncompatible()).isTrue();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<GpuSample> xid = (TypeSerializerSnapshot) serializer(Xid.class).snapshotConfiguration();
        assertThat(read.resolveSchemaCompatibility(xid).isIncompatible()).isTrue();
    }

    /** A record with every field set to a value of its type (or only the required ones), whatever the schema holds. */
    private static SpecificRecordBase filled(Class<? extends SpecificRecordBase> type, boolean requiredOnly) {
        SpecificRecordBase r = (SpecificRecordBase) SpecificData.newInstance(type, SpecificData.get().getSchema(type));
        List<Schema.Field> fields = r.getSchema().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Schema s = fields.get(i).schema();
            boolean optional = s.getType() == Schema.Type.UNION;
            if (optional && requiredOnly) {
                continue;
            }
            Schema.Type t = optional ? s.getTypes().get(1).getType() : s.getType();
            r.put(i, switch (t) {
                case LONG -> (1L << 40) + i;
                case INT -> -i;
                case DOUBLE -> i + 0.25;
                case FLOAT -> i + 0.5f;
                case BOOLEAN -> i % 2 == 0;
                case STRING -> "wert-" + i + "-ä";
                default -> throw new IllegalStateException("not flat: " + fields.get(i));
            });
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> TypeSerializer<T> serializer(Class<? extends SpecificRecordBase> type) {
        return (TypeSerializer<T>) new AvroRecordTypeInfo<>(type).createSerializer(new SerializerConfigImpl());
    }
}
