package io.ballast.rules.hardware;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keyed state turning cumulative counters (NIC PortCounters, GPU ECC/NVLink/PCIe totals) into deltas and rates.
 * A decrease or a changed boot/source id is a reset: new baseline, delta 0, never a negative delta or a false alert.
 * Flink POJO: one instance per (node, device, port) or (node, gpu) key.
 */
public class CounterTracker {
    private static final long UPPER_HALF_32 = 1L << 31;

    private String sourceId;
    private long lastTs = Long.MIN_VALUE;
    private Map<String, Long> last = new TreeMap<>();

    public CounterTracker() {}

    /**
     * Compares a new sample with the previous one and makes it the new baseline.
     *
     * @param sourceId boot id or counter-source id; a change means every counter restarted
     * @param ts sample time in ms; a sample not newer than the last is ignored (marked stale)
     * @param counters cumulative values by name, unsigned 64-bit values stored in a signed long
     */
    public CounterDelta update(String sourceId, long ts, Map<String, Long> counters) {
        CounterDelta out = new CounterDelta();
        boolean first = lastTs == Long.MIN_VALUE;
        boolean sourceChanged = !first && !Objects.equals(this.sourceId, sourceId);
        if (!first && !sourceChanged && ts <= lastTs) {
            // Duplicates and late samples would produce zero-time rates; the baseline stays where it is.
            out.setStale(true);
            return out;
        }
        out.setBaseline(first || sourceChanged);
        out.setSourceChanged(sourceChanged);
        out.setElapsedMs(out.isBaseline() ? 0 : ts - lastTs);
        double minutes = out.getElapsedMs() / 60_000.0;

        Map<String, Long> next = new TreeMap<>();
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            String name = e.getKey();
            long value = e.getValue();
            next.put(name, value);
            CounterWidths.Width width = CounterWidths.of(name);
            if (width.overflow() == CounterWidths.Overflow.SATURATES && value == width.max()) {
                out.getSaturatedCounters().add(name);
            }
            Long previous = out.isBaseline() ? null : last.get(name);
            if (previous == null) {
                continue;
            }
            long delta = deltaOf(name, width, previous, value, out);
            out.getDeltas().put(name, delta);
            out.getRatesPerMinute().put(name, minutes > 0 ? delta / minutes : 0.0);
        }
        this.sourceId = sourceId;
        this.lastTs = ts;
        this.last = next;
        return out;
    }

    private static long deltaOf(String name, CounterWidths.Width width, long previous, long value, CounterDelta out) {
        if (Long.compareUnsigned(value, previous) >= 0) {
            return value - previous;
        }
        if (width.overflow() == CounterWidths.Overflow.WRAPS) {
            // A wrap leaves the previous value near the top of its range; a reset can come from anywhere.
            boolean fits32 = Long.compareUnsigned(previous, 0xFFFF_FFFFL) <= 0;
            if (fits32 && previous >= UPPER_HALF_32) {
                out.getWrappedCounters().add(name);
                return (1L << 32) - previous + value;
            }
            if (previous < 0) { // unsigned value above 2^63: the upper half of the 64-bit range
                out.getWrappedCounters().add(name);
                return value - previous; // two's complement arithmetic is modulo 2^64
            }
        }
        out.getResetCounters().add(name);
        return 0;
    }

    public String getSourceId() { return sourceId; }
    public void setSourceId(String sourceId) { this.sourceId = sourceId; }
    public long getLastTs() { return lastTs; }
    public void setLastTs(long lastTs) { this.lastTs = lastTs; }
    public Map<String, Long> getLast() { return last; }
    public void setLast(Map<String, Long> last) { this.last = last; }
}
