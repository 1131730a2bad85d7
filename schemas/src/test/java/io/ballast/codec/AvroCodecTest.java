package io.ballast.codec;

import io.ballast.contract.EventType;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripsEveryRecordKind(EventType type) throws Exception {
        SpecificRecord record = JsonCodec.fromJson(ContractSamples.line(type));

        byte[] bytes = AvroCodec.encode(record);

        assertThat(AvroCodec.typeOf(bytes)).isEqualTo(type);
        assertThat(AvroCodec.decode(bytes)).isEqualTo(record);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theGeneratedEncodersWriteTheSameBytesAsAvrosGenericWriter(EventType type) throws Exception {
        SpecificRecord record = JsonCodec.fromJson(ContractSamples.line(type));
        java.io.ByteArrayOutputStream generic = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(generic, null);
        // A fresh model: custom coders off, Avro's reflective per-field path.
        new org.apache.avro.specific.SpecificDatumWriter<SpecificRecord>(type.schema(), new org.apache.avro.specific.SpecificData())
                .write(record, encoder);
        encoder.flush();

        byte[] codec = AvroCodec.encode(record);
        assertThat(Arrays.copyOfRange(codec, 10, codec.length)).isEqualTo(generic.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theGeneratedDecodersReadWhatAvrosMessageDecoderReads(EventType type) throws Exception {
        SpecificRecord record = JsonCodec.fromJson(ContractSamples.line(type));
        byte[] bytes = AvroCodec.encode(record);
        // Avro's own single-object decoder with a fresh model: generic fast reader, no generated coders.
        SpecificRecord generic = new org.apache.avro.message.BinaryMessageDecoder<SpecificRecord>(
                new org.apache.avro.specific.SpecificData(), type.schema()).decode(bytes);

        assertThat(AvroCodec.decode(bytes)).isEqualTo(generic);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"GPU_SAMPLE", "NIC_COUNTERS", "XID", "SDC_CHECK", "TRAIN_STEP", "EXPERT_LOAD",
            "CHECKPOINT", "JOB_TOPOLOGY", "DEAD_LETTER"})
    void restampRewritesOnlyTheEventTime(EventType type) throws Exception {
        SpecificRecord record = JsonCodec.fromJson(ContractSamples.line(type));
        byte[] message = AvroCodec.encode(record);
        int ts = record.getSchema().getField("ts").pos();

        // Year 2096 takes a varint byte more than the sample's 2025, so the rest of the body moves.
        for (long to : new long[]{946_684_800_000L, 1_795_000_000_123L, 4_000_000_000_000L}) {
            SpecificRecord restamped = AvroCodec.decode(AvroCodec.restamp(message, to));

            record.put(ts, to);
            assertThat(restamped).isEqualTo(record);
        }
    }

    @Test
    void restampRefusesRecordsWithoutALeadingEventTime() throws Exception {
        byte[] bias = AvroCodec.encode(JsonCodec.fromJson(ContractSamples.line(EventType.BIAS_UPDATE)));

        assertThatThrownBy(() -> AvroCodec.restamp(bias, 1L)).isInstanceOf(DecodeException.class).hasMessageContaining("bias_update");
    }

    @Test
    void restampRefusesATruncatedBody() throws Exception {
        byte[] message = AvroCodec.encode(JsonCodec.fromJson(ContractSamples.line(EventType.XID)));
        byte[] headerAndHalfAVarint = Arrays.copyOf(message, 11);
        headerAndHalfAVarint[10] = (byte) 0x80;

        assertThatThrownBy(() -> AvroCodec.restamp(headerAndHalfAVarint, 1L)).isInstanceOf(DecodeException.class).hasMessageContaining("varint");
    }

    @Test
    void decodesCorrectlyFromManyThreadsAtOnce() throws Exception {
        java.util.List<SpecificRecord> records = new java.util.ArrayList<>();
        for (EventType type : EventType.values()) {
            records.add(JsonCodec.fromJson(ContractSamples.line(type)));
        }
        java.util.List<byte[]> encoded = records.stream().map(AvroCodec::encode).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> mismatches = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                mismatches.add(pool.submit(() -> {
                    int bad = 0;
                    for (int i = 0; i < 2_000; i++) {
                        int k = i % records.size();
                        bad += AvroCodec.decode(encoded.get(k)).equals(records.get(k)) ? 0 : 1;
                    }
                    return bad;
                }));
            }
            for (java.util.concurrent.Future<Integer> m : mismatches) {
                assertThat(m.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void headerCarriesMarkerAndFingerprintOfTheCurrentSchema() throws Exception {
        byte[] bytes = AvroCodec.encode(sample());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(AvroCodec.fingerprint(GpuSample.getClassSchema()));
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = AvroCodec.encode(sample());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> AvroCodec.decode(truncated))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("bad Avro body for gpu_sample");
    }

    @Test
    void rejectsAMessageShorterThanTheHeader() {
        byte[] bytes = Arrays.copyOf(AvroCodec.encode(sample()), 6);

        assertThatThrownBy(() -> AvroCodec.decode(bytes))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("6 bytes, need at least 10");
        assertThatThrownBy(() -> AvroCodec.decode(new byte[0])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> AvroCodec.decode(null)).isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsAWrongHeader() {
        byte[] bytes = AvroCodec.encode(sample());
        bytes[0] = '{';

        assertThatThrownBy(() -> AvroCodec.decode(bytes))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("header 7B 01, expected C3 01");
    }

    @Test
    void rejectsAnUnknownFingerprint() {
        byte[] bytes = AvroCodec.encode(sample());
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);

        assertThatThrownBy(() -> AvroCodec.decode(bytes))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown schema fingerprint 0123456789abcdef");
    }

    @Test
    void rejectsABodyThatBreaksTheContract() {
        GpuSample sample = sample();
        sample.setTs(1_795_486_326L);

        assertThatThrownBy(() -> AvroCodec.decode(AvroCodec.encode(sample)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("field 'ts'");
    }

    @Test
    void rejectsANegativeCumulativeCounterNamingIt() throws Exception {
        NicCounters nic = (NicCounters) JsonCodec.fromJson(ContractSamples.line(EventType.NIC_COUNTERS));
        Map<String, Long> counters = new LinkedHashMap<>(nic.getCounters());
        counters.put("port_rcv_errors", -1L);
        nic.setCounters(counters);

        assertThatThrownBy(() -> AvroCodec.decode(AvroCodec.encode(nic)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("field 'counters.port_rcv_errors': cumulative counter must be >= 0, got -1");
    }

    @Test
    void eachReleasedFingerprintNamesItsRecordKind() throws Exception {
        for (EventType type : EventType.values()) {
            assertThat(AvroCodec.typeOf(AvroCodec.encode(JsonCodec.fromJson(ContractSamples.line(type))))).isEqualTo(type);
            for (Schema released : ReleasedSchemas.of(type)) {
                byte[] header = new byte[10];
                header[0] = (byte) 0xC3;
                header[1] = 0x01;
                ByteBuffer.wrap(header, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(AvroCodec.fingerprint(released));
                assertThat(AvroCodec.typeOf(header)).isEqualTo(type);
            }
        }
    }

    @Test
    void fingerprintsOfAllRecordKindsDiffer() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::schema).map(AvroCodec::fingerprint).distinct().count())
                .isEqualTo(EventType.values().length);
        Schema any = EventType.XID.schema();
        assertThat(AvroCodec.fingerprint(any)).isEqualTo(AvroCodec.fingerprint(new Schema.Parser().parse(any.toString())));
    }

    private static GpuSample sample() {
        try {
            return (GpuSample) JsonCodec.fromJson(ContractSamples.line(EventType.GPU_SAMPLE));
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCorruptedLengthPrefixIsADecodeExceptionNotAnOutOfMemoryError() {
        // Found by AvroCodecFuzzTest: a valid header and fingerprint, then a string length of ~2 GiB.
        byte[] message = java.util.HexFormat.of().parseHex("c30194e22969692c283c00002669c3a9277b04f09f9884f09f988e6fc4a2c4b80627166c0a08f09f989e1e641a797bf09f989ac3ad27f09f9895000a5bc59d071d20c6aef09f98a3c496f09f988e1470225c00dc93c996fdff10f09f98b20e6d120d02085c6d7d7b00");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AvroCodec.decode(message))
                .isInstanceOf(DecodeException.class).hasMessageContaining("bad Avro body");
    }
}
