package io.ballast.codec;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads and writes the Avro binary body (no header) of one record class written with its current schema, through
 * the class's generated coders and straight from and into byte arrays. Not thread-safe: one per thread or operator.
 */
public final class AvroBody<T extends SpecificRecord> {
    static {
        AvroLimits.apply();
    }

    private final SpecificDatumReader<T> reader;
    private final SpecificDatumWriter<T> writer;
    private final Buffer out = new Buffer();
    private BinaryDecoder decoder;
    private BinaryEncoder encoder;

    public AvroBody(Schema schema) {
        // Avro's generic fast reader would bypass the generated decoders, which are faster still.
        SpecificData model = new SpecificData(AvroBody.class.getClassLoader());
        model.setCustomCoders(true);
        model.setFastReaderEnabled(false);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** Decodes {@code length} bytes at {@code offset}; Avro's length limits apply (see {@link AvroCodec}). */
    public T read(byte[] bytes, int offset, int length) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
        return reader.read(null, decoder);
    }

    /** Encodes the record; its bytes are {@code buffer()[0, length)} until the next call. */
    public int write(T record) throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(record, encoder);
        encoder.flush();
        return out.size();
    }

    /** The bytes of the last {@link #write}. */
    public byte[] buffer() {
        return out.bytes();
    }

    /** A growable array whose bytes can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
