package io.ballast.sim;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A trace encoded ahead of time into a local file: each record's type, Kafka key, event time and Avro message. A load
 * generator replays it at rates that simulating and encoding live cannot reach on the same machine, re-timing each
 * message with {@link AvroCodec#restamp} instead of re-encoding it. The file is deleted on {@link #close()}.
 */
public final class EncodedTrace implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    /** One record of the trace: its type (hence topic), key (may be null), event time and single-object message. */
    public record Entry(EventType type, String key, long ts, byte[] message) {}

    private final Path file;
    private final long records;

    private EncodedTrace(Path file, long records) {
        this.file = file;
        this.records = records;
    }

    /** Encodes every record of {@code records} into {@code file} (created or truncated). */
    public static EncodedTrace write(Iterator<? extends SpecificRecord> records, Path file) throws IOException {
        long n = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            while (records.hasNext()) {
                SpecificRecord record = records.next();
                byte[] message = AvroCodec.encode(record);
                String key = Records.key(record);
                out.writeByte(EventType.of(record).ordinal());
                out.writeBoolean(key != null);
                if (key != null) {
                    out.writeUTF(key);
                }
                out.writeLong(Records.ts(record));
                out.writeInt(message.length);
                out.write(message);
                n++;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new EncodedTrace(file, n);
    }

    public long records() {
        return records;
    }

    public long bytes() throws IOException {
        return Files.size(file);
    }

    /** Reads the trace from the start, one entry at a time; an unreadable file surfaces as {@link UncheckedIOException}. */
    public Iterator<Entry> entries() throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        EventType[] types = EventType.values();
        return new Iterator<>() {
            private long read;

            @Override
            public boolean hasNext() {
                if (read < records) {
                    return true;
                }
                close(in);
                return false;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    EventType type = types[in.readUnsignedByte()];
                    String key = in.readBoolean() ? in.readUTF() : null;
                    long ts = in.readLong();
                    byte[] message = new byte[in.readInt()];
                    in.readFully(message);
                    read++;
                    return new Entry(type, key, ts, message);
                } catch (EOFException e) {
                    close(in);
                    throw new UncheckedIOException("trace file " + file + " ends after " + read + " of " + records + " records", e);
                } catch (IOException e) {
                    close(in);
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static void close(DataInputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // reading is over either way
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
