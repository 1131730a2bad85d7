package io.ballast.rules.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two samples of a counter set: non-negative deltas, per-minute rates, and which counters
 * were reset (new baseline), wrapped, or stuck at their saturation maximum.
 */
public class CounterDelta {
    private static final List<String> NONE = List.of();
    private static final String[] NO_NAMES = {};
    private static final long[] NO_DELTAS = {};

    // Arrays and lists made on first use: one of these is built per sample on the hottest path of the job, and a
    // HashMap of boxed deltas cost a table, a node and a Long per counter.
    private String[] names = NO_NAMES;
    private long[] deltas = NO_DELTAS;
    private int size;
    private List<String> resetCounters = NONE;
    private List<String> wrappedCounters = NONE;
    private List<String> saturatedCounters = NONE;
    private boolean baseline;
    private boolean sourceChanged;
    private boolean stale;
    private long elapsedMs;

    public CounterDelta() {}

    /** Room for {@code counters} deltas, the size of the sample it compares. */
    CounterDelta(int counters) {
        names = new String[counters];
        deltas = new long[counters];
    }

    /** Delta of one counter since the previous sample; 0 when unknown, reset or first seen. */
    public long delta(String name) {
        int i = indexOf(name);
        return i < 0 ? 0 : deltas[i];
    }

    /** Per-minute rate of one counter over the elapsed time; 0 when unknown, reset or first seen. */
    public double ratePerMinute(String name) {
        int i = indexOf(name);
        return i < 0 || elapsedMs <= 0 ? 0.0 : deltas[i] / (elapsedMs / 60_000.0);
    }

    /** True when any of the named counters increased. */
    public boolean anyIncreased(List<String> names) {
        return names.stream().anyMatch(n -> delta(n) > 0);
    }

    /** Per-minute rates of every counter with a delta, by name. */
    public Map<String, Double> getRatesPerMinute() {
        Map<String, Double> rates = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            rates.put(names[i], ratePerMinute(names[i]));
        }
        return rates;
    }

    /** Adds the delta of a counter not added yet: a sample is a map, so it names each counter once. */
    void putDelta(String name, long delta) {
        if (size == names.length) {
            int capacity = Math.max(8, size * 2);
            names = Arrays.copyOf(names, capacity);
            deltas = Arrays.copyOf(deltas, capacity);
        }
        names[size] = name;
        deltas[size] = delta;
        size++;
    }

    /** Names come as the shared constants ({@link CounterNames}) and literals, so identity nearly always finds them. */
    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    void addReset(String name) { resetCounters = added(resetCounters, name); }
    void addWrapped(String name) { wrappedCounters = added(wrappedCounters, name); }
    void addSaturated(String name) { saturatedCounters = added(saturatedCounters, name); }

    private static List<String> added(List<String> list, String name) {
        List<String> out = list == NONE ? new ArrayList<>(2) : list;
        out.add(name);
        return out;
    }

    /** The deltas by name, in the sample's order; a copy. */
    public Map<String, Long> getDeltas() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            out.put(names[i], deltas[i]);
        }
        return out;
    }

    public void setDeltas(Map<String, Long> deltas) {
        size = 0;
        deltas.forEach(this::putDelta);
    }
    public List<String> getResetCounters() { return resetCounters; }
    public void setResetCounters(List<String> resetCounters) { this.resetCounters = resetCounters; }
    public List<String> getWrappedCounters() { return wrappedCounters; }
    public void setWrappedCounters(List<String> wrappedCounters) { this.wrappedCounters = wrappedCounters; }
    public List<String> getSaturatedCounters() { return saturatedCounters; }
    public void setSaturatedCounters(List<String> saturatedCounters) { this.saturatedCounters = saturatedCounters; }
    /** First sample for this key (or after a source change): everything is a new baseline. */
    public boolean isBaseline() { return baseline; }
    public void setBaseline(boolean baseline) { this.baseline = baseline; }
    /** The boot id / source id changed: all counters restarted. */
    public boolean isSourceChanged() { return sourceChanged; }
    public void setSourceChanged(boolean sourceChanged) { this.sourceChanged = sourceChanged; }
    /** The sample was not newer than the last one (duplicate or out of order) and was ignored. */
    public boolean isStale() { return stale; }
    public void setStale(boolean stale) { this.stale = stale; }
    public long getElapsedMs() { return elapsedMs; }
    public void setElapsedMs(long elapsedMs) { this.elapsedMs = elapsedMs; }

    @Override
    public String toString() {
        return "CounterDelta{deltas=" + new TreeMap<>(getDeltas()) + ", resets=" + resetCounters + ", wrapped=" + wrappedCounters
                + ", saturated=" + saturatedCounters + ", baseline=" + baseline + ", stale=" + stale + "}";
    }
}
