package io.ballast.jobs.io;

import io.ballast.codec.JsonCodec;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class AvroRecordSerializerTest {
    private static final String NIC = """
            {"type":"nic_counters","ts":1795486326353,"cluster":"h100-a","node":"gpu-node-003","device":"mlx5_2","port":1,
             "plane":2,"switch":"leaf-p2-0","link_state":"ACTIVE","boot_id":"6c1f8a1e",
             "counters":{"symbol_error":0,"link_downed":3,"port_xmit_data":918273645123}}""";
    private static final String GPU_SPARSE = """
            {"type":"gpu_sample","ts":1795486326353,"node":"gpu-node-001","gpu":3,"ecc_dbe_volatile_total":2}""";
    private static final String EXPERT_LOAD = """
            {"type":"expert_load","ts":1795486326353,"job":"job-moe-1","step":120,"layer":2,"rank":1,"ranks":4,
             "counts":[492,469,520,545,556,1469]}""";

    @Test
    void recordsOfEveryShapeSurviveTheWireFormat() throws Exception {
        assertRoundTrip(NicCounters.class, (NicCounters) JsonCodec.fromJson(NIC));
        assertRoundTrip(GpuSample.class, (GpuSample) JsonCodec.fromJson(GPU_SPARSE));
        assertRoundTrip(ExpertLoad.class, (ExpertLoad) JsonCodec.fromJson(EXPERT_LOAD));
        assertRoundTrip(io.ballast.events.Xid.class, (io.ballast.events.Xid) JsonCodec.fromJson("""
                {"type":"xid","ts":1795486326353,"node":"gpu-node-002","xid":13,"message":"Graphics Engine Exception"}"""));
    }

    @Test
    void consecutiveRecordsInOneBufferStayApart() throws Exception {
        TypeSerializer<NicCounters> serializer = new AvroRecordSerializer<>(NicCounters.class);
        NicCounters first = (NicCounters) JsonCodec.fromJson(NIC);
        NicCounters second = NicCounters.newBuilder(first).setPort(2).setCounters(java.util.Map.of("link_downed", 9L)).build();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(second, out); // a long record first: the encoder's buffer must not leak into the next
        serializer.serialize(first, out);
        serializer.serialize(second, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in)).isEqualTo(second);
        assertThat(serializer.deserialize(in)).isEqualTo(first);
        assertThat(serializer.deserialize(in)).isEqualTo(second);
        assertThat(in.available()).isZero();
    }

    @Test
    void nicSamplesTravelWithCounterIdsAndComeBackWithTheSharedNames() throws Exception {
        TypeSerializer<NicCounters> serializer = serializer(NicCounters.class);
        assertThat(serializer).isInstanceOf(NicCountersSerializer.class);
        NicCounters record = (NicCounters) JsonCodec.fromJson(NIC);
        record.getCounters().put("a_counter_from_a_newer_driver", 7L); // no id: travels by name
        NicCounters sparse = NicCounters.newBuilder(record).setCluster(null).setPlane(null).setSwitch$(null).setLinkState(null)
                .setCounters(java.util.Map.of()).build();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(record, out);
        serializer.serialize(sparse, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        NicCounters back = serializer.deserialize(in);
        assertThat(back).isEqualTo(record);
        assertThat(back.getCounters().keySet()).filteredOn("link_downed"::equals).first()
                .isSameAs(io.ballast.rules.hardware.CounterNames.nameOf(io.ballast.rules.hardware.CounterNames.idOf("link_downed")));
        io.ballast.codec.CounterMap counters = (io.ballast.codec.CounterMap) back.getCounters();
        for (int i = 0; i < counters.size(); i++) { // each with the id it travelled by, so the tracker need not look it up
            assertThat(counters.idAt(i)).as(counters.nameAt(i)).isEqualTo(io.ballast.rules.hardware.CounterNames.idOf(counters.nameAt(i)));
        }
        assertThat(serializer.deserialize(in)).isEqualTo(sparse);
        assertThat(in.available()).isZero();
    }

    @Test
    void theNicSerializerWritesEveryFieldOfTheSchema() {
        assertThat(NicCounters.getClassSchema().getFields().stream().map(org.apache.avro.Schema.Field::name))
                .as("a field added to nic_counters must be added to NicCountersSerializer")
                .containsExactlyElementsOf(NicCountersSerializer.FIELDS);
    }

    @Test
    void aRecordLongerThanTheReadBufferGrowsIt() throws Exception {
        TypeSerializer<io.ballast.events.Xid> serializer = new AvroRecordSerializer<>(io.ballast.events.Xid.class);
        io.ballast.events.Xid small = (io.ballast.events.Xid) JsonCodec.fromJson("""
                {"type":"xid","ts":1795486326353,"node":"gpu-node-002","xid":13,"message":"Graphics Engine Exception"}""");
        io.ballast.events.Xid large = io.ballast.events.Xid.newBuilder(small).setMessage("x".repeat(5_000)).build();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(small, out);
        serializer.serialize(large, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in)).isEqualTo(small);
        assertThat(serializer.deserialize(in)).isEqualTo(large);
    }

    @Test
    void copyingBetweenViewsKeepsTheRecord() throws Exception {
        TypeSerializer<NicCounters> serializer = serializer(NicCounters.class);
        NicCounters record = (NicCounters) JsonCodec.fromJson(NIC);
        DataOutputSerializer original = new DataOutputSerializer(64);
        serializer.serialize(record, original);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(original.getCopyOfBuffer()), copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(record);
    }

    @Test
    void aDeepCopyDoesNotShareTheCounterMap() throws Exception {
        NicCounters record = (NicCounters) JsonCodec.fromJson(NIC);
        NicCounters copy = new AvroRecordSerializer<>(NicCounters.class).copy(record);
        NicCounters nicCopy = serializer(NicCounters.class).copy(record);
        nicCopy.getCounters().put("link_downed", 98L);
        copy.getCounters().put("link_downed", 99L);

        assertThat(record.getCounters().get("link_downed")).isEqualTo(3L);
    }

    @Test
    void theSnapshotRestoresTheSerializerAndRefusesAnotherRecordClass() throws Exception {
        TypeSerializerSnapshot<ExpertLoad> restored = restore(serializer(ExpertLoad.class).snapshotConfiguration());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer(ExpertLoad.class));
        assertThat(restored.resolveSchemaCompatibility(serializer(ExpertLoad.class).snapshotConfiguration()).isCompatibleAsIs()).isTrue();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<ExpertLoad> other = (TypeSerializerSnapshot) serializer(GpuSample.class).snapshotConfiguration();
        assertThat(restored.resolveSchemaCompatibility(other).isIncompatible()).isTrue();
    }

    private static <T extends SpecificRecordBase> void assertRoundTrip(Class<T> type, T record) throws IOException {
        TypeSerializer<T> serializer = serializer(type);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(record, out);
        assertThat(serializer.duplicate().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(record);
    }

    private static <T extends SpecificRecordBase> TypeSerializer<T> serializer(Class<T> type) {
        return new AvroRecordTypeInfo<>(type).createSerializer(new SerializerConfigImpl());
    }

    private static <T> TypeSerializerSnapshot<T> restore(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        RecordClassSnapshot<?> read = new RecordClassSnapshot<>();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), AvroRecordSerializerTest.class.getClassLoader());
        @SuppressWarnings("unchecked")
        TypeSerializerSnapshot<T> typed = (TypeSerializerSnapshot<T>) read;
        return typed;
    }
}
