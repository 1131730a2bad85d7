package io.ballast.jobs.state;

import org.apache.flink.core.memory.DataInputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads back what a {@link Block} wrote, one length-prefixed part at a time into an array it keeps and reuses;
 * running past a part's end is a corrupt checkpoint, not a crash. Not thread-safe: one per serializer instance.
 */
final class ByteReader {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes = new byte[4096];
    private int end;
    private int at;

    /** Reads the next part written by {@link Block#toLengthPrefixed()}; what this reader held before is gone. */
    ByteReader part(DataInputView in, int max, String what) throws IOException {
        int n = varInt(in, what);
        if (n > max) {
            throw new IOException("corrupt " + what + ": length " + n);
        }
        if (bytes.length < n) {
            bytes = new byte[n];
        }
        in.readFully(bytes, 0, n);
        end = n;
        at = 0;
        return this;
    }

    /** A non-negative int written as an unsigned varint ({@link Block#putVarLong}), read from a stream. */
    private static int varInt(DataInputView in, String what) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (v > Integer.MAX_VALUE) {
                    break;
                }
                return (int) v;
            }
        }
        throw new IOException("corrupt " + what + ": not a length");
    }

    long varLong() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IOException("corrupt checkpoint: a varint longer than 10 bytes");
    }

    int varInt() throws IOException {
        long z = varLong();
        if (z >>> 32 != 0) {
            throw new IOException("corrupt checkpoint: int out of range");
        }
        int v = (int) z;
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count, checked before anything is allocated for it. */
    int count(int max, String what) throws IOException {
        int n = varInt();
        if (n < 0 || n > max) {
            throw new IOException("corrupt " + what + ": count " + n);
        }
        return n;
    }

    long time(long base, long unset) throws IOException {
        return RelativeTime.decode(varLong(), base, unset);
    }

    long fixedLong() throws IOException {
        need(8);
        long v = (long) LONG.get(bytes, at);
        at += 8;
        return v;
    }

    byte fixedByte() throws IOException {
        return next();
    }

    String utf8() throws IOException {
        long n = varLong();
        if (n < 0 || n > end - at) {
            throw new IOException("corrupt checkpoint: string length " + n);
        }
        String s = new String(bytes, at, (int) n, StandardCharsets.UTF_8);
        at += (int) n;
        return s;
    }

    /** Whether every byte was read: a part with bytes left over was not written by this layout. */
    boolean atEnd() {
        return at == end;
    }

    private byte next() throws IOException {
        need(1);
        return bytes[at++];
    }

    private void need(int n) throws IOException {
        if (end - at < n) {
            throw new IOException("corrupt checkpoint: a part ends early");
        }
    }
}
