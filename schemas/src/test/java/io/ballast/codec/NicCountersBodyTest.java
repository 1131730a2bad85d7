package io.ballast.codec;

import io.ballast.contract.EventType;
import io.ballast.events.NicCounters;

import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NicCountersBodyTest {
    private static NicCounters sample() throws Exception {
        return (NicCounters) JsonCodec.fromJson(ContractSamples.line(EventType.NIC_COUNTERS));
    }

    private static byte[] body(NicCounters record, boolean blocked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The blocking encoder splits a map into blocks with byte sizes (negative counts): legal Avro a writer may send.
        Encoder encoder = blocked ? EncoderFactory.get().blockingBinaryEncoder(out, null) : EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<NicCounters>(NicCounters.getClassSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static NicCounters read(NicCountersBody reader, byte[] body) throws IOException {
        return reader.read(body, 0, body.length);
    }

    @Test
    void readsTheFieldsOfTheSchemaInOrder() {
        assertThat(NicCounters.getClassSchema().getFields()).extracting(Schema.Field::name).containsExactlyElementsOf(NicCountersBody.FIELDS);
    }

    @Test
    void readsWhatTheGeneratedDecoderReadsWithOptionalFieldsSetAndAbsent() throws Exception {
        NicCounters full = sample();
        NicCounters sparse = sample();
        sparse.setCluster(null);
        sparse.setPlane(null);
        sparse.setSwitch$(null);
        sparse.setLinkState(null);
        sparse.setCounters(Map.of());
        NicCounters vendor = sample();
        Map<String, Long> counters = new TreeMap<>(vendor.getCounters());
        counters.put("vendor_ünïcode_counter", Long.MIN_VALUE);
        vendor.setCounters(counters);

        for (NicCounters record : new NicCounters[]{full, sparse, vendor}) {
            byte[] body = body(record, false);
            NicCounters generated = new AvroBody<NicCounters>(NicCounters.getClassSchema()).read(body, 0, body.length);
            assertThat(read(new NicCountersBody(), body)).isEqualTo(generated).isEqualTo(record);
        }
    }

    @Test
    void readsMapsWrittenInSeveralBlocks() throws Exception {
        NicCounters record = sample();
        Map<String, Long> many = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            many.put("counter_" + i, (long) i * 1_000_003);
        }
        record.setCounters(many);

        assertThat(read(new NicCountersBody(), body(record, true))).isEqualTo(record);
    }

    @Test
    void aNameRepeatedInOneRecordKeepsTheLastValueOnceAsTheGeneratedDecoderDoes() throws Exception {
        NicCounters record = sample();
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        counters.put("symbol_error", 1L);
        counters.put("link_downed", 5L);
        counters.put("vendor_x", 2L);
        counters.put("vendor_y", 3L);
        record.setCounters(counters);
        byte[] body = body(record, false);
        // Legal Avro no Java map can write: the same key twice in one map ("vendor_y" becomes "vendor_x").
        byte[] y = "vendor_y".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(body, y);
        body[at + y.length - 1] = 'x';
        NicCountersBody reader = new NicCountersBody();

        for (int i = 0; i < 2; i++) { // the second time through the guessed order
            NicCounters read = read(reader, body);
            assertThat(read.getCounters()).containsExactlyInAnyOrderEntriesOf(Map.of("symbol_error", 1L, "link_downed", 5L, "vendor_x", 3L));
            assertThat(read.getCounters()).isEqualTo(new AvroBody<NicCounters>(NicCounters.getClassSchema()).read(body, 0, body.length).getCounters());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void counterNamesComeBackAsTheSameStringsFromRecordToRecord() throws Exception {
        NicCountersBody reader = new NicCountersBody();
        byte[] body = body(sample(), false);

        NicCounters first = read(reader, body);
        NicCounters second = read(reader, body);

        for (String name : first.getCounters().keySet()) {
            String again = second.getCounters().keySet().stream().filter(name::equals).findFirst().orElseThrow();
            assertThat(again).isSameAs(name);
        }
    }

    @Test
    void anOutOfRangeUnionBranchIsAnError() throws Exception {
        byte[] body = body(sample(), false);
        // ts is a 6-byte varint here; the next byte is the cluster union's branch (zig-zag 1 = 0x02).
        assertThat(body[6]).isEqualTo((byte) 0x02);
        body[6] = 0x06;

        assertThatThrownBy(() -> read(new NicCountersBody(), body)).isInstanceOf(IOException.class)
                .hasMessageContaining("union branch 3 of field cluster");
    }

    @Test
    void theInternerDecodesEveryKeyAlsoPastItsCapacity() {
        KeyInterner interner = new KeyInterner(4);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20; i++) {
                byte[] bytes = ("key-ä-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(interner.intern(bytes, bytes.length)).isEqualTo("key-ä-" + i);
            }
        }
        byte[] zero = "key-ä-0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(interner.intern(zero, zero.length)).isSameAs(interner.intern(zero, zero.length));
    }
}
