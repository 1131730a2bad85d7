package io.ballast.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON Lines file (gzip is undone by the file source from the {@code .gz} suffix) as
 * {@link RawRecord}s named {@code file:line}. Lines are kept as bytes so invalid UTF-8 is reported
 * by the decoder, and a line longer than the limit is cut off and flagged instead of exhausting memory.
 * Not splittable: line numbers stay right, also after a restore (the source skips replayed records).
 */
public final class NumberedLineFormat implements StreamFormat<RawRecord> {
    private final String name;
    private final int maxLineBytes;

    public NumberedLineFormat(String name, int maxLineBytes) {
        this.name = name;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
        return new LineReader(new BufferedInputStream(stream, 1 << 16));
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset, long fileLen, long splitEnd) {
        return createReader(config, stream, fileLen, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private final class LineReader implements Reader<RawRecord> {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private long lineNumber;

        LineReader(InputStream in) {
            this.in = in;
        }

        @Override
        public RawRecord read() throws IOException {
            while (true) {
                line.reset();
                long length = 0;
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    if (length < maxLineBytes) {
                        line.write(b);
                    }
                    length++;
                }
                if (b == -1 && length == 0) {
                    return null;
                }
                lineNumber++;
                byte[] bytes = stripCarriageReturn(line.toByteArray());
                if (isBlank(bytes)) {
                    continue; // blank lines (e.g. a trailing newline) are not records
                }
                String error = length > maxLineBytes ? "line is " + length + " bytes, longer than the limit of " + maxLineBytes : null;
                return new RawRecord(name + ":" + lineNumber, bytes, true, 0L, error);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static byte[] stripCarriageReturn(byte[] bytes) {
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, shorter.length);
            return shorter;
        }
        return bytes;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
