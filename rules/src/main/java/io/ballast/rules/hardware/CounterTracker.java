package io.ballast.rules.hardware;

import io.ballast.codec.CounterMap;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed state turning cumulative counters (NIC PortCounters, GPU ECC/NVLink/PCIe totals) into deltas and rates.
 * A decrease or a changed boot/source id is a reset: new baseline, delta 0, never a negative delta or a false alert.
 * Its arrays and map are never written once set ({@link #update} replaces them), so a copy may share them.
 */
public class CounterTracker {
    private static final long UPPER_HALF_32 = 1L << 31;
    private static final int[] NO_IDS = {};
    private static final long[] NO_VALUES = {};

    /** 64-bit hash of the boot/source id: the state compares ids, and a hash checkpoints far cheaper than a UUID. */
    private long source;
    private long lastTs = Long.MIN_VALUE;
    /** Baselines of well-known counters: {@link CounterNames} ids, ascending, and their values at the same index. */
    private int[] ids = NO_IDS;
    private long[] values = NO_VALUES;
    /** Baselines of counters without an id (a driver's new counter), by name; null when there are none. */
    private Map<String, Long> other;

    public CounterTracker() {}

    /**
     * Compares a new sample with the previous one and makes it the new baseline.
     *
     * @param sourceId boot id or counter-source id; a change means every counter restarted
     * @param ts sample time in ms; a sample not newer than the last is ignored (marked stale)
     * @param counters cumulative values by name, unsigned 64-bit values stored in a signed long
     */
    public CounterDelta update(String sourceId, long ts, Map<String, Long> counters) {
        return update(hash(sourceId), ts, counters);
    }

    /** As {@link #update(String, long, Map)}, with the source id already hashed ({@link #hash}), e.g. kept across a node's ports. */
    public CounterDelta update(long sourceHash, long ts, Map<String, Long> counters) {
        CounterDelta out = new CounterDelta(counters.size());
        boolean first = lastTs == Long.MIN_VALUE;
        boolean sourceChanged = !first && this.source != sourceHash;
        if (!first && !sourceChanged && ts <= lastTs) {
            // Duplicates and late samples would produce zero-time rates; the baseline stays where it is.
            out.setStale(true);
            return out;
        }
        out.setBaseline(first || sourceChanged);
        out.setSourceChanged(sourceChanged);
        out.setElapsedMs(out.isBaseline() ? 0 : ts - lastTs);

        Next next = new Next(counters.size());
        if (counters instanceof CounterMap m) {
            for (int i = 0; i < m.size(); i++) {
                take(m.nameAt(i), CounterNames.idOf(m, i), m.valueAt(i), next, out);
            }
        } else {
            for (Map.Entry<String, Long> e : counters.entrySet()) {
                if (e.getKey() != null && e.getValue() != null) {
                    take(e.getKey(), CounterNames.idOf(e.getKey()), e.getValue(), next, out);
                }
            }
        }
        this.source = sourceHash;
        this.lastTs = ts;
        if (!Arrays.equals(ids, 0, ids.length, next.ids, 0, next.known)) {
            // Kept when the counters are the same ones, as they nearly always are: state that lives for one sample
            // interval is what a young collection copies.
            this.ids = next.known == next.ids.length ? next.ids : Arrays.copyOf(next.ids, next.known);
        }
        this.values = next.known == next.values.length ? next.values : Arrays.copyOf(next.values, next.known);
        this.other = next.other;
        return out;
    }

    /** The baselines a sample leaves behind, built while it is compared. */
    private static final class Next {
        final int[] ids;
        final long[] values;
        int known;
        Map<String, Long> other;

        Next(int counters) {
            ids = new int[counters];
            values = new long[counters];
        }
    }

    /** Compares one counter of the sample with its baseline and keeps it as the next baseline. */
    private void take(String name, int id, long value, Next next, CounterDelta out) {
        if (id >= 0) {
            next.known = insertSorted(next.ids, next.values, next.known, id, value);
        } else {
            if (next.other == null) {
                next.other = new TreeMap<>();
            }
            next.other.put(name, value);
        }
        CounterWidths.Width width = id >= 0 ? CounterWidths.ofId(id) : CounterWidths.of(name);
        if (width.overflow() == CounterWidths.Overflow.SATURATES && value == width.max()) {
            out.addSaturated(name);
        }
        if (out.isBaseline()) {
            return;
        }
        if (id >= 0) {
            int at = Arrays.binarySearch(ids, id);
            if (at >= 0) {
                out.putDelta(name, deltaOf(name, width, values[at], value, out));
            }
        } else if (other != null && other.containsKey(name)) {
            out.putDelta(name, deltaOf(name, width, other.get(name), value, out));
        }
    }

    /** FNV-1a over the id's chars; null has its own value. Kept in checkpoints: never change it. */
    public static long hash(String id) {
        if (id == null) {
            return 0x9E37_79B9_7F4A_7C15L;
        }
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x0100_0000_01B3L;
        }
        return h;
    }

    /** Inserts into the first {@code size} slots kept ascending by id (a handful of counters: insertion is cheapest). */
    private static int insertSorted(int[] ids, long[] values, int size, int id, long value) {
        int i = size;
        while (i > 0 && ids[i - 1] > id) {
            ids[i] = ids[i - 1];
            values[i] = values[i - 1];
            i--;
        }
        ids[i] = id;
        values[i] = value;
        return size + 1;
    }

    private static long deltaOf(String name, CounterWidths.Width width, long previous, long value, CounterDelta out) {
        if (Long.compareUnsigned(value, previous) >= 0) {
            return value - previous;
        }
        if (width.overflow() == CounterWidths.Overflow.WRAPS) {
            // A wrap leaves the previous value near the top of its range; a reset can come from anywhere.
            boolean fits32 = Long.compareUnsigned(previous, 0xFFFF_FFFFL) <= 0;
            if (fits32 && previous >= UPPER_HALF_32) {
                out.addWrapped(name);
                return (1L << 32) - previous + value;
            }
            if (previous < 0) { // unsigned value above 2^63: the upper half of the 64-bit range
                out.addWrapped(name);
                return value - previous; // two's complement arithmetic is modulo 2^64
            }
        }
        out.addReset(name);
        return 0;
    }

    public long getSource() { return source; }
    public void setSource(long source) { this.source = source; }
    public long getLastTs() { return lastTs; }
    public void setLastTs(long lastTs) { this.lastTs = lastTs; }
    public int[] getIds() { return ids; }
    public void setIds(int[] ids) { this.ids = ids; }
    public long[] getValues() { return values; }
    public void setValues(long[] values) { this.values = values; }
    public Map<String, Long> getOther() { return other; }
    public void setOther(Map<String, Long> other) { this.other = other; }
}
