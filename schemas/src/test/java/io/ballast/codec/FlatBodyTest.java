package io.ballast.codec;

import io.ballast.contract.EventType;

import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlatBodyTest {
    private static final List<EventType> FLAT = Arrays.stream(EventType.values()).filter(t -> FlatSchema.kinds(t.schema()) != null).toList();

    private static SpecificRecord sample(EventType type) throws Exception {
        return JsonCodec.fromJson(ContractSamples.line(type));
    }

    private static byte[] body(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Encoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static SpecificRecord read(EventType type, byte[] body) throws IOException {
        return new FlatBody(type.recordClass(), type.schema()).read(body, 0, body.length);
    }

    @Test
    void theFlatKindsAreTheRecordsOfScalarsAndStrings() {
        assertThat(FLAT).contains(EventType.GPU_SAMPLE, EventType.XID, EventType.TRAIN_STEP, EventType.SDC_CHECK, EventType.CHECKPOINT)
                .doesNotContain(EventType.NIC_COUNTERS, EventType.EXPERT_LOAD, EventType.JOB_TOPOLOGY);
    }

    @Test
    void readsWhatTheGeneratedDecoderReadsWithEveryOptionalFieldSetAndAbsent() throws Exception {
        for (EventType type : FLAT) {
            SpecificRecord full = sample(type);
            SpecificRecord sparse = sample(type);
            List<Schema.Field> fields = type.schema().getFields();
            for (Schema.Field f : fields) {
                if (f.schema().getType() == Schema.Type.UNION) {
                    sparse.put(f.pos(), null);
                }
            }
            assertThat(fields).as(type.typeName()).anyMatch(f -> full.get(f.pos()) != null && sparse.get(f.pos()) == null);

            for (SpecificRecord record : List.of(full, sparse)) {
                byte[] body = body(record);
                SpecificRecord generated = new AvroBody<>(type.schema()).read(body, 0, body.length);
                assertThat(read(type, body)).as(type.typeName()).isEqualTo(generated).isEqualTo(record);
            }
        }
    }

    @Test
    void anOutOfRangeUnionBranchNamesTheField() throws Exception {
        byte[] body = body(sample(EventType.XID));
        // ts is a 6-byte varint here; the next byte is the cluster union's branch (zig-zag 1 = 0x02).
        assertThat(body[6]).isEqualTo((byte) 0x02);
        body[6] = 0x06;

        assertThatThrownBy(() -> read(EventType.XID, body)).isInstanceOf(IOException.class)
                .hasMessageContaining("union branch 3 of field cluster");
    }

    @Test
    void aTruncatedBodyIsAnError() throws Exception {
        byte[] body = body(sample(EventType.GPU_SAMPLE));

        assertThatThrownBy(() -> new FlatBody(EventType.GPU_SAMPLE.recordClass(), EventType.GPU_SAMPLE.schema()).read(body, 0, body.length / 2))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRecordThatIsNotFlatIsRefused() {
        assertThatThrownBy(() -> new FlatBody(EventType.EXPERT_LOAD.recordClass(), EventType.EXPERT_LOAD.schema()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ExpertLoad is not flat");
    }
}
