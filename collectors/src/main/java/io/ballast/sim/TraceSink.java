package io.ballast.sim;

import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/** Where simulated records go: a JSON Lines trace, a Kafka cluster. */
public interface TraceSink extends AutoCloseable {
    void write(SpecificRecord record) throws IOException;

    @Override
    void close() throws IOException;

    /** Writes every record of {@code records}, unpaced; returns how many. */
    default long writeAll(Iterator<? extends SpecificRecord> records) throws IOException {
        long n = 0;
        while (records.hasNext()) {
            write(records.next());
            n++;
        }
        return n;
    }

    /** {@link #write} for lambdas that cannot throw checked exceptions, e.g. {@link Pacer#play}. */
    default void accept(SpecificRecord record) {
        try {
            write(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
