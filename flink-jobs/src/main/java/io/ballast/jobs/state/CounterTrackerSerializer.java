package io.ballast.jobs.state;

import io.ballast.rules.hardware.CounterTracker;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter baselines, the bulk of a large fleet's keyed state (16 per node): the heap backend rewrites all of it on every
 * checkpoint, and Flink's POJO serializer spent a call per array element. Here the ids and values go out as one block.
 * Layout, in one write: count, source, last ts, ids (2 bytes each), values (8 bytes each), count of unnamed counters
 * (-1: none); then those by name.
 */
public final class CounterTrackerSerializer extends StateSerializer<CounterTracker> {
    private static final long serialVersionUID = 1L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final int HEADER = 20;
    private static final int PER_COUNTER = 10;

    private transient byte[] buffer;
    private transient Block block;

    @Override
    public void serialize(CounterTracker t, DataOutputView out) throws IOException {
        Block b = block().begin();
        append(t, b, out);
        b.flushTo(out);
    }

    /**
     * Adds a tracker to {@code b}; counters without an id (rare: a driver's new counter) go straight to {@code out}
     * by name after what {@code b} held so far.
     */
    void append(CounterTracker t, Block b, DataOutputView out) throws IOException {
        int[] ids = t.getIds();
        long[] values = t.getValues();
        Map<String, Long> other = t.getOther();
        int n = ids.length;
        b.putInt(n);
        b.putLong(t.getSource());
        b.putLong(t.getLastTs());
        for (int i = 0; i < n; i++) {
            b.putShort((short) ids[i]);
        }
        for (int i = 0; i < n; i++) {
            b.putLong(values[i]);
        }
        b.putInt(other == null ? -1 : other.size());
        if (other != null) {
            b.flushTo(out);
            for (Map.Entry<String, Long> e : other.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                out.writeLong(e.getValue());
            }
        }
    }

    /** Scratch space of this serializer's thread ({@link StateSerializer#duplicate()}). */
    Block block() {
        if (block == null) {
            block = new Block();
        }
        return block;
    }

    @Override
    public CounterTracker deserialize(DataInputView in) throws IOException {
        int n = count(in, Short.MAX_VALUE, "counter baselines");
        int size = size(n);
        byte[] b = buffer(size);
        in.readFully(b, 4, size - 4);
        int[] ids = new int[n];
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (short) SHORT.get(b, HEADER + 2 * i);
            values[i] = (long) LONG.get(b, HEADER + 2 * n + 8 * i);
        }
        CounterTracker t = new CounterTracker();
        t.setSource((long) LONG.get(b, 4));
        t.setLastTs((long) LONG.get(b, 12));
        t.setIds(ids);
        t.setValues(values);
        int others = (int) INT.get(b, size - 4);
        if (others >= 0) {
            Map<String, Long> other = new TreeMap<>();
            for (int i = 0; i < others; i++) {
                other.put(StringValue.readString(in), in.readLong());
            }
            t.setOther(other);
        }
        return t;
    }

    /** The fixed block: count, source, last ts, ids and values, and the count of unnamed counters that follow it. */
    private static int size(int counters) {
        return HEADER + counters * PER_COUNTER + 4;
    }

    private byte[] buffer(int size) {
        if (buffer == null || buffer.length < size) {
            buffer = new byte[Math.max(size, 512)];
        }
        return buffer;
    }

    @Override
    public CounterTracker copy(CounterTracker from) {
        CounterTracker t = new CounterTracker();
        t.setSource(from.getSource());
        t.setLastTs(from.getLastTs());
        // Shared, not cloned: a tracker never writes into its arrays or map, it replaces them. The heap backend copies
        // each value it hands out while a checkpoint holds it, i.e. nearly every access of a large fleet's state.
        t.setIds(from.getIds());
        t.setValues(from.getValues());
        t.setOther(from.getOther());
        return t;
    }

    @Override public CounterTracker createInstance() { return new CounterTracker(); }
}
