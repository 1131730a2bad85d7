package io.ballast.jobs.state;

import io.ballast.rules.hardware.CounterTracker;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter baselines as layout 4 of {@link NodeGpusSerializer} writes them: most are error counters at zero (one byte
 * as a varint) and a NIC port's well-known ids fit a small bitmap, so a port takes about a third of layout 3's bytes.
 * A header varint holds the count and two flags: the ids as a bitmap (else one varint each), and the source equal to
 * the previous tracker's in the same part (else its 8 bytes follow); then the last time relative to the part's base,
 * the ids, the values as unsigned varints, and the unnamed counters (count + 1, 0 for none) by name.
 */
final class CompactCounters {
    private static final int BITMAP = 1;
    private static final int SAME_SOURCE = 2;
    private static final int FLAGS = 2;
    /** A bitmap of ids up to this takes at most 128 bytes; ids beyond it (none today) go as a list. */
    private static final int MAX_BITMAP_ID = 1023;
    private static final int MAX_COUNTERS = Short.MAX_VALUE;

    private CompactCounters() {}

    static void append(CounterTracker t, long base, long previousSource, Block b) {
        int[] ids = t.getIds();
        long[] values = t.getValues();
        boolean bitmap = bitmapIsShorter(ids);
        boolean sameSource = t.getSource() == previousSource;
        b.putVarLong(((long) ids.length << FLAGS) | (bitmap ? BITMAP : 0) | (sameSource ? SAME_SOURCE : 0));
        if (!sameSource) {
            b.putLong(t.getSource());
        }
        b.putTime(t.getLastTs(), base, Long.MIN_VALUE);
        if (bitmap) {
            putBitmap(ids, b);
        } else {
            for (int id : ids) {
                b.putVarInt(id);
            }
        }
        for (long v : values) {
            b.putVarLong(v);
        }
        Map<String, Long> other = t.getOther();
        b.putVarLong(other == null ? 0 : other.size() + 1L);
        if (other != null) {
            for (Map.Entry<String, Long> e : other.entrySet()) {
                b.putVarUtf8(e.getKey());
                b.putVarLong(e.getValue());
            }
        }
    }

    static CounterTracker read(ByteReader r, long base, long previousSource) throws IOException {
        long header = r.varLong();
        long n = header >>> FLAGS;
        if (n > MAX_COUNTERS) {
            throw new IOException("corrupt counter baselines: count " + n);
        }
        CounterTracker t = new CounterTracker();
        t.setSource((header & SAME_SOURCE) != 0 ? previousSource : r.fixedLong());
        t.setLastTs(r.time(base, Long.MIN_VALUE));
        int[] ids = (header & BITMAP) != 0 ? readBitmap(r, (int) n) : readList(r, (int) n);
        long[] values = new long[ids.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.varLong();
        }
        t.setIds(ids);
        t.setValues(values);
        long others = r.varLong();
        if (others > MAX_COUNTERS + 1L) {
            throw new IOException("corrupt counter baselines: " + others + " unnamed");
        }
        if (others > 0) {
            Map<String, Long> other = new TreeMap<>();
            for (long i = 1; i < others; i++) {
                other.put(r.utf8(), r.varLong());
            }
            t.setOther(other);
        }
        return t;
    }

    /** Whether the ids are ascending and small enough for a bitmap, and it takes fewer bytes than their list. */
    private static boolean bitmapIsShorter(int[] ids) {
        int previous = -1;
        for (int id : ids) {
            if (id <= previous || id > MAX_BITMAP_ID) {
                return false;
            }
            previous = id;
        }
        // Ids up to 63 take a byte each in the list; the bitmap takes its length byte and a byte per eight ids.
        return ids.length > 0 && previous / 8 + 2 < ids.length;
    }

    /** Byte count, then bit {@code id % 8} of byte {@code id / 8} for each id (ascending, at least one). */
    private static void putBitmap(int[] ids, Block b) {
        int length = ids[ids.length - 1] / 8 + 1;
        b.putVarLong(length);
        int i = 0;
        for (int k = 0; k < length; k++) {
            int bits = 0;
            for (; i < ids.length && ids[i] / 8 == k; i++) {
                bits |= 1 << (ids[i] % 8);
            }
            b.putByte((byte) bits);
        }
    }

    private static int[] readBitmap(ByteReader r, int n) throws IOException {
        long length = r.varLong();
        if (length > MAX_BITMAP_ID / 8 + 1) {
            throw new IOException("corrupt counter baselines: bitmap of " + length + " bytes");
        }
        int[] ids = new int[n];
        int found = 0;
        for (int k = 0; k < length; k++) {
            int bits = r.fixedByte() & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                if ((bits & (1 << bit)) != 0) {
                    if (found == n) {
                        throw new IOException("corrupt counter baselines: more ids than " + n);
                    }
                    ids[found++] = k * 8 + bit;
                }
            }
        }
        if (found != n) {
            throw new IOException("corrupt counter baselines: " + found + " ids of " + n);
        }
        return ids;
    }

    private static int[] readList(ByteReader r, int n) throws IOException {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.varInt();
        }
        return ids;
    }
}
