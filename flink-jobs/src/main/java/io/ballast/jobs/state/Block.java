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
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
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
