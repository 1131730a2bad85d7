package io.ballast.codec;

import io.ballast.contract.EventType;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryData;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Avro single-object encoding of contract records: {@code C3 01}, the schema's CRC-64-AVRO
 * fingerprint (8 bytes, little endian), then the Avro binary body. The fingerprint says which record
 * and which schema version wrote it, so no registry server is needed. Thread-safe.
 */
public final class AvroCodec {
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_BYTES = 10;

    private static final Map<EventType, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new EnumMap<>(EventType.class);
    private static final Map<EventType, BinaryMessageDecoder<SpecificRecord>> DECODERS = new EnumMap<>(EventType.class);
    /** Fingerprint of every current and released schema, ascending, and its record type at the same index. */
    private static final long[] FINGERPRINTS;
    private static final EventType[] FINGERPRINT_TYPES;
    private static final Map<EventType, Long> CURRENT = new EnumMap<>(EventType.class);
    /** Fingerprints of the schemas whose first field is the event time {@code ts} (a long): those {@link #restamp} can re-time. */
    private static final Set<Long> LEADING_TS = new HashSet<>();
    /** Current fingerprints of the node samples, whose bodies lead with ts, cluster and node: what {@link NodeHeader} reads. */
    private static final long GPU_SAMPLE_CURRENT = nodeSampleFingerprint(EventType.GPU_SAMPLE);
    private static final long NIC_COUNTERS_CURRENT = nodeSampleFingerprint(EventType.NIC_COUNTERS);
    /** Readers of current-schema bodies, per thread: a datum reader keeps caches that are not thread-safe. */
    private static final ThreadLocal<CurrentReaders> READERS = ThreadLocal.withInitial(CurrentReaders::new);

    static {
        AvroLimits.apply(); // before any reader below checks a length
        // The generated classes' own encoders write the same bytes without Avro's per-field union resolution by
        // reflection; Flink's AvroSerializer uses each class's model, this codec the shared one.
        SpecificData.get().setCustomCoders(true);
        Map<Long, EventType> byFingerprint = new TreeMap<>(); // ascending, as the binary search below wants
        for (EventType type : EventType.values()) {
            SpecificData.getForClass(type.recordClass()).setCustomCoders(true);
            ENCODERS.put(type, new BinaryMessageEncoder<>(SpecificData.get(), type.schema()));
            BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(SpecificData.get(), type.schema());
            long current = fingerprint(type.schema());
            byFingerprint.put(current, type);
            CURRENT.put(type, current);
            if (leadsWithTs(type.schema())) {
                LEADING_TS.add(current);
            }
            for (Schema released : ReleasedSchemas.of(type)) {
                decoder.addSchema(released);
                long fingerprint = fingerprint(released);
                byFingerprint.put(fingerprint, type);
                if (leadsWithTs(released)) {
                    LEADING_TS.add(fingerprint);
                }
            }
            DECODERS.put(type, decoder);
        }
        FINGERPRINTS = byFingerprint.keySet().stream().mapToLong(Long::longValue).toArray();
        FINGERPRINT_TYPES = byFingerprint.values().toArray(new EventType[0]);
    }

    private AvroCodec() {}

    private static boolean leadsWithTs(Schema schema) {
        Schema.Field first = schema.getFields().get(0);
        return first.name().equals("ts") && first.schema().getType() == Schema.Type.LONG;
    }

    public static byte[] encode(SpecificRecord record) {
        try {
            ByteBuffer buffer = ENCODERS.get(EventType.of(record)).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** The record type a message claims to be, from its fingerprint, without decoding the body. */
    public static EventType typeOf(byte[] message) throws DecodeException {
        return typeFor(fingerprintOf(message));
    }

    /** Looked up for every record: a binary search of longs, where a map would box each fingerprint. */
    private static EventType typeFor(long fingerprint) throws DecodeException {
        int at = Arrays.binarySearch(FINGERPRINTS, fingerprint);
        if (at < 0) {
            throw new DecodeException(String.format("unknown schema fingerprint %016x", fingerprint));
        }
        return FINGERPRINT_TYPES[at];
    }

    private static long fingerprintOf(byte[] message) throws DecodeException {
        if (!isSingleObject(message)) {
            throw notSingleObject(message);
        }
        return fingerprintAt(message);
    }

    /** Whether {@code message} starts with the single-object marker and holds a whole header. */
    private static boolean isSingleObject(byte[] message) {
        return message != null && message.length >= HEADER_BYTES && message[0] == MARKER_0 && message[1] == MARKER_1;
    }

    private static DecodeException notSingleObject(byte[] message) {
        if (message == null || message.length < HEADER_BYTES) {
            return new DecodeException("not Avro single-object encoding: " + (message == null ? 0 : message.length) + " bytes, need at least " + HEADER_BYTES);
        }
        return new DecodeException(String.format("not Avro single-object encoding: header %02X %02X, expected C3 01", message[0], message[1]));
    }

    private static long fingerprintAt(byte[] message) {
        return ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public static SpecificRecord decode(byte[] message) throws DecodeException {
        long fingerprint = fingerprintOf(message);
        EventType type = typeFor(fingerprint);
        try {
            SpecificRecord record = CURRENT.get(type) == fingerprint
                    ? READERS.get().read(type, message)
                    : DECODERS.get(type).decode(message);
            Validation.check(record);
            return record;
        } catch (IOException | RuntimeException e) {
            throw badBody(type, e);
        }
    }

    static DecodeException badBody(EventType type, Exception e) {
        return new DecodeException("bad Avro body for " + type.typeName() + ": " + describe(e), e);
    }

    /** gpu_sample or nic_counters when {@code message} is one written with the current schema, else null. */
    static EventType nodeSampleType(byte[] message) {
        if (!isSingleObject(message)) {
            return null;
        }
        long fingerprint = fingerprintAt(message);
        return fingerprint == GPU_SAMPLE_CURRENT ? EventType.GPU_SAMPLE : fingerprint == NIC_COUNTERS_CURRENT ? EventType.NIC_COUNTERS : null;
    }

    private static long nodeSampleFingerprint(EventType type) {
        List<Schema.Field> f = type.schema().getFields();
        boolean leads = leadsWithTs(type.schema())
                && f.get(1).name().equals("cluster") && isOptionalString(f.get(1).schema())
                && f.get(2).name().equals("node") && f.get(2).schema().getType() == Schema.Type.STRING;
        if (!leads) {
            throw new IllegalStateException(type.typeName() + " no longer leads with ts, cluster, node: NodeHeader must follow");
        }
        return fingerprint(type.schema());
    }

    private static boolean isOptionalString(Schema s) {
        return s.getType() == Schema.Type.UNION && s.getTypes().size() == 2
                && s.getTypes().get(0).getType() == Schema.Type.NULL && s.getTypes().get(1).getType() == Schema.Type.STRING;
    }

    /**
     * A copy of {@code message} with its event time set to {@code ts} and every other byte kept: the body starts with
     * {@code ts} as an Avro long (zig-zag varint), so only that varint is rewritten. For replaying a recorded trace at
     * a new time without decoding and re-encoding it (the bench's load generator).
     */
    public static byte[] restamp(byte[] message, long ts) throws DecodeException {
        long fingerprint = fingerprintOf(message);
        if (!LEADING_TS.contains(fingerprint)) {
            throw new DecodeException(typeFor(fingerprint).typeName() + " does not start with an event time ts");
        }
        int end = HEADER_BYTES;
        do {
            if (end == message.length || end - HEADER_BYTES == 10) {
                throw new DecodeException("bad Avro body for " + typeFor(fingerprint).typeName() + ": ts is not a varint long");
            }
        } while ((message[end++] & 0x80) != 0);
        byte[] varint = new byte[10];
        int length = BinaryData.encodeLong(ts, varint, 0);
        byte[] restamped = new byte[HEADER_BYTES + length + message.length - end];
        System.arraycopy(message, 0, restamped, 0, HEADER_BYTES);
        System.arraycopy(varint, 0, restamped, HEADER_BYTES, length);
        System.arraycopy(message, end, restamped, HEADER_BYTES + length, message.length - end);
        return restamped;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /**
     * Reads bodies written with the current schema straight from the array: flat records and NIC samples off the binary
     * decoder, the others through each class's generated decoder (Avro's message decoder reads a byte at a time from a
     * stream and its generic fast reader ignores the generated coders, which made decoding half again as slow). Older
     * schemas keep the resolving message decoder.
     */
    private static final class CurrentReaders {
        private final Map<EventType, BodyReader> readers = new EnumMap<>(EventType.class);

        CurrentReaders() {
            for (EventType type : EventType.values()) {
                readers.put(type, type == EventType.NIC_COUNTERS ? new NicCountersBody()::read
                        : FlatSchema.kinds(type.schema()) != null ? new FlatBody(type.recordClass(), type.schema())::read
                        : new AvroBody<SpecificRecord>(type.schema())::read);
            }
        }

        SpecificRecord read(EventType type, byte[] message) throws IOException {
            return readers.get(type).read(message, HEADER_BYTES, message.length - HEADER_BYTES);
        }
    }

    /** Reads one body of {@code length} bytes at {@code offset}. */
    private interface BodyReader {
        SpecificRecord read(byte[] bytes, int offset, int length) throws IOException;
    }
}
