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
 * Not thread-safe: one per serializer instance.
 */
final class ExchangeStrings {
    private static final int NULL = 0;
    private static final int OTHER = 1;
    /** Length bytes from here on are Latin-1 strings of {@code byte - LATIN1} chars. */
    private static final int LATIN1 = 2;
    private static final int MAX_LATIN1 = 255 - LATIN1;

    private byte[] buffer = new byte[64];

    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
        } else if (isShortLatin1(s)) {
            out.writeByte(LATIN1 + s.length());
            for (int i = 0; i < s.length(); i++) {
                out.writeByte(s.charAt(i)); // the low byte: all of a Latin-1 char (not writeBytes: Flink's counts twice)
            }
        } else {
            out.writeByte(OTHER);
            StringValue.writeString(s, out);
        }
    }

    private static boolean isShortLatin1(String s) {
        int n = s.length();
        if (n > MAX_LATIN1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
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
        if (buffer.length < n) {
            buffer = new byte[MAX_LATIN1];
        }
        in.readFully(buffer, 0, n);
        return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
}
