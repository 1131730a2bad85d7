package io.ballast.codec;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Reads the Avro binary body of a flat record ({@link FlatSchema}) written with its current schema straight off the
 * binary decoder, field by field from an array of kinds: the generated decoder would walk Avro's resolving grammar for
 * every field (GPU samples are the other half of all telemetry). Not thread-safe.
 */
final class FlatBody {
    static {
        AvroLimits.apply();
    }

    private final Schema schema;
    private final FlatSchema.Kind[] kinds;
    private final boolean[] optional;
    private final String[] names;
    private final Supplier<? extends SpecificRecord> constructor;
    /** Per string field, its last value (null for other kinds): cluster and node repeat across a node's GPUs. */
    private final RepeatedString[] strings;
    private BinaryDecoder decoder;

    FlatBody(Class<? extends SpecificRecord> type, Schema schema) {
        this.schema = schema;
        this.kinds = FlatSchema.kinds(schema);
        if (kinds == null) {
            throw new IllegalArgumentException(schema.getName() + " is not flat");
        }
        this.optional = FlatSchema.optional(schema);
        this.names = schema.getFields().stream().map(Schema.Field::name).toArray(String[]::new);
        this.strings = new RepeatedString[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            strings[i] = kinds[i] == FlatSchema.Kind.STRING ? new RepeatedString() : null;
        }
        this.constructor = RecordFactory.of(type);
    }

    /** Decodes {@code length} bytes at {@code offset}; Avro's length limits apply, as in {@link AvroBody}. */
    SpecificRecord read(byte[] bytes, int offset, int length) throws IOException {
        BinaryDecoder in = decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
        SpecificRecord r = constructor.get();
        for (int i = 0; i < kinds.length; i++) {
            if (optional[i] && !present(in, names[i])) {
                continue; // a new record's fields start out null
            }
            r.put(i, switch (kinds[i]) {
                case LONG -> in.readLong();
                case INT -> in.readInt();
                case DOUBLE -> in.readDouble();
                case FLOAT -> in.readFloat();
                case BOOLEAN -> in.readBoolean();
                case STRING -> strings[i].read(in);
            });
        }
        return r;
    }

    /** A ["null", T] union's branch: whether T follows. */
    static boolean present(BinaryDecoder in, String field) throws IOException {
        int branch = in.readIndex();
        if (branch != 0 && branch != 1) {
            throw new IOException("union branch " + branch + " of field " + field + " is out of range");
        }
        return branch == 1;
    }
}
