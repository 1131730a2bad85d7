package io.ballast.jobs.io;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of contract records between operators. Node names, ids and UUIDs are short Latin-1 strings: they travel as a
 * length byte and one byte per char, read back through a buffer of the reader's own (Flink's {@link StringValue} reads
 * a variable-length code per char into a thread-local buffer, a lookup per string). Others go as {@link StringValue}.
 * A field's strings may also repeat from record to record (a node's name across its ports and GPUs): written or read
 * with the field's number, the last one is kept with its bytes, so a repeat is one copy or one comparison, and the
 * reader hands out the same {@code String} (whose hash, e.g. as part of a key, is then already known).
 * Not thread-safe: one per serializer instance, which writes and reads through its buffer.
 */
final class ExchangeStrings {
    private static final int NULL = 0;
    private static final int OTHER = 1;
    /** Length bytes from here on are Latin-1 strings of {@code byte - LATIN1} chars. */
    private static final int LATIN1 = 2;
    private static final int MAX_LATIN1 = 255 - LATIN1;
    /** The field number of a string that is not kept (see {@link #read(DataInputView, int)}). */
    private static final int NO_FIELD = -1;

    /** A length byte and the longest Latin-1 string's chars: written and read whole. */
    private final byte[] buffer = new byte[1 + MAX_LATIN1];
    /** Per field number: the last Latin-1 string written or read, and its length byte and chars as on the wire. */
    private String[] lastValues = new String[0];
    private byte[][] lastBytes = new byte[0][];

    void write(String s, DataOutputView out) throws IOException {
        writeLatin1OrOther(s, out);
    }

    /** Writes {@code s}; true when it went as Latin-1, its length byte and chars then being in the buffer. */
    private boolean writeLatin1OrOther(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return false;
        }
        int n = s.length();
        if (n <= MAX_LATIN1 && latin1Into(s, n)) {
            buffer[0] = (byte) (LATIN1 + n);
            out.write(buffer, 0, n + 1); // one bounds check and copy per string instead of one per char
            return true;
        }
        out.writeByte(OTHER);
        StringValue.writeString(s, out);
        return false;
    }

    /** As {@link #write(String, DataOutputView)}, remembering the string as field {@code field}'s last. */
    void write(String s, DataOutputView out, int field) throws IOException {
        if (field < lastValues.length && s != null && s == lastValues[field]) {
            byte[] kept = lastBytes[field];
            out.write(kept, 0, kept[0] - LATIN1 + 1);
            return;
        }
        if (writeLatin1OrOther(s, out)) {
            remember(field, s);
        }
    }

    /** Copies each char's low byte after the length byte; false at the first char beyond Latin-1. */
    private boolean latin1Into(String s, int n) {
        byte[] b = buffer;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            b[i + 1] = (byte) c;
        }
        return true;
    }

    String read(DataInputView in) throws IOException {
        return read(in, NO_FIELD);
    }

    /** As {@link #read(DataInputView)}, giving back field {@code field}'s last string when the chars are the same. */
    String read(DataInputView in, int field) throws IOException {
        int head = in.readUnsignedByte();
        if (head == NULL) {
            return null;
        }
        if (head == OTHER) {
            return StringValue.readString(in);
        }
        int n = head - LATIN1;
        in.readFully(buffer, 1, n);
        if (field == NO_FIELD) {
            return new String(buffer, 1, n, StandardCharsets.ISO_8859_1);
        }
        if (field < lastValues.length && lastValues[field] != null) {
            byte[] kept = lastBytes[field];
            if ((kept[0] & 0xFF) == head && Arrays.equals(kept, 1, n + 1, buffer, 1, n + 1)) {
                return lastValues[field];
            }
        }
        buffer[0] = (byte) head;
        String s = new String(buffer, 1, n, StandardCharsets.ISO_8859_1);
        remember(field, s);
        return s;
    }

    /** Keeps {@code s}, whose length byte and chars are in the buffer, as field {@code field}'s last string. */
    private void remember(int field, String s) {
        if (field >= lastValues.length) {
            lastValues = Arrays.copyOf(lastValues, field + 1);
            lastBytes = Arrays.copyOf(lastBytes, field + 1);
        }
        if (lastBytes[field] == null) {
            lastBytes[field] = new byte[1 + MAX_LATIN1];
        }
        System.arraycopy(buffer, 0, lastBytes[field], 0, s.length() + 1);
        lastValues[field] = s;
    }
}
