package io.ballast.jobs.state;

import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A state value's bytes, gathered and then written to the checkpoint stream in one call: every call into that stream
 * goes through several layers, some synchronized, and a large fleet's checkpoint holds millions of small fields.
 * Big-endian, as {@code DataOutput} writes: the bytes are the same as field-by-field writes.
 */
final class Block {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes = new byte[4096];
    private int size;

    /** Drops whatever a failed write left behind; the start of every value. */
    Block begin() {
        size = 0;
        return this;
    }

    void putLong(long v) {
        ensure(8);
        LONG.set(bytes, size, v);
        size += 8;
    }

    void putInt(int v) {
        ensure(4);
        INT.set(bytes, size, v);
        size += 4;
    }

    void putShort(short v) {
        ensure(2);
        SHORT.set(bytes, size, v);
        size += 2;
    }

    /** As {@link Utf8StringSerializer} writes it: the length, then the UTF-8 bytes. */
    void putUtf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        putBytes(utf8);
    }

    void putBytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, bytes, size, v.length);
        size += v.length;
    }

    void putByte(byte v) {
        ensure(1);
        bytes[size++] = v;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first; 1 byte below 128, 10 at most. */
    void putVarLong(long v) {
        ensure(10);
        size = varLong(bytes, size, v);
    }

    private static int varLong(byte[] to, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            to[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        to[at++] = (byte) v;
        return at;
    }

    /** A signed int, zigzag-encoded so that small magnitudes of either sign take one byte. */
    void putVarInt(int v) {
        putVarLong(((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL);
    }

    /** A time as its distance from {@code base} ({@link RelativeTime}): one to three bytes for a recent one. */
    void putTime(long t, long base, long unset) {
        putVarLong(RelativeTime.encode(t, base, unset));
    }

    /** A string as its UTF-8 length (varint) and bytes. */
    void putVarUtf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putVarLong(utf8.length);
        putBytes(utf8);
    }

    /** What was gathered, after its length as a varint: a part that can be read back without knowing its layout. */
    byte[] toLengthPrefixed() {
        int prefix = 1;
        for (long v = size >>> 7; v != 0; v >>>= 7) {
            prefix++;
        }
        byte[] out = new byte[prefix + size];
        System.arraycopy(bytes, 0, out, varLong(out, 0, size), size);
        return out;
    }

    /** Writes what was gathered and starts over. */
    void flushTo(DataOutputView out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
