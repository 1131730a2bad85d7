package io.ballast.jobs.io;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings of contract records between operators. Node names, ids and UUIDs are short Latin-1 strings: they travel as a
 * length byte and one byte per char, read back through a buffer of the reader's own (Flink's {@link StringValue} reads
 * a variable-length code per char into a thread-local buffer, a lookup per string). Others go as {@link StringValue}.
 * Not thread-safe: one per serializer instance, which writes and reads through its buffer.
 */
final class ExchangeStrings {
    private static final int NULL = 0;
    private static final int OTHER = 1;
    /** Length bytes from here on are Latin-1 strings of {@code byte - LATIN1} chars. */
    private static final int LATIN1 = 2;
    private static final int MAX_LATIN1 = 255 - LATIN1;

    /** A length byte and the longest Latin-1 string's chars: written and read whole. */
    private final byte[] buffer = new byte[1 + MAX_LATIN1];

    void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        int n = s.length();
        if (n <= MAX_LATIN1 && latin1Into(s, n)) {
            buffer[0] = (byte) (LATIN1 + n);
            out.write(buffer, 0, n + 1); // one bounds check and copy per string instead of one per char
        } else {
            out.writeByte(OTHER);
            StringValue.writeString(s, out);
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
        int head = in.readUnsignedByte();
        if (head == NULL) {
            return null;
        }
        if (head == OTHER) {
            return StringValue.readString(in);
        }
        int n = head - LATIN1;
        in.readFully(buffer, 0, n);
        return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
}
