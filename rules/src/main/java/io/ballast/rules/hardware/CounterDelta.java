package io.ballast.rules.hardware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two samples of a counter set: non-negative deltas, per-minute rates, and which counters
 * were reset (new baseline), wrapped, or stuck at their saturation maximum.
 */
public class CounterDelta {
    private static final List<String> NONE = List.of();

    // A HashMap and lists made on first use: one of these is built per sample on the hottest path of the job.
    private Map<String, Long> deltas = new HashMap<>(32);
    private List<String> resetCounters = NONE;
    private List<String> wrappedCounters = NONE;
    private List<String> saturatedCounters = NONE;
    private boolean baseline;
    private boolean sourceChanged;
    private boolean stale;
    private long elapsedMs;

    public CounterDelta() {}

    /** Delta of one counter since the previous sample; 0 when unknown, reset or first seen. */
    public long delta(String name) {
        return deltas.getOrDefault(name, 0L);
    }

    /** Per-minute rate of one counter over the elapsed time; 0 when unknown, reset or first seen. */
    public double ratePerMinute(String name) {
        Long delta = deltas.get(name);
        return delta == null || elapsedMs <= 0 ? 0.0 : delta / (elapsedMs / 60_000.0);
    }

    /** True when any of the named counters increased. */
    public boolean anyIncreased(List<String> names) {
        return names.stream().anyMatch(n -> delta(n) > 0);
    }

    /** Per-minute rates of every counter with a delta, by name. */
    public Map<String, Double> getRatesPerMinute() {
        Map<String, Double> rates = new TreeMap<>();
        deltas.keySet().forEach(name -> rates.put(name, ratePerMinute(name)));
        return rates;
    }

    void putDelta(String name, long delta) { deltas.put(name, delta); }
    void addReset(String name) { resetCounters = added(resetCounters, name); }
    void addWrapped(String name) { wrappedCounters = added(wrappedCounters, name); }
    void addSaturated(String name) { saturatedCounters = added(saturatedCounters, name); }

    private static List<String> added(List<String> list, String name) {
        List<String> out = list == NONE ? new ArrayList<>(2) : list;
        out.add(name);
        return out;
    }

    public Map<String, Long> getDeltas() { return deltas; }
    public void setDeltas(Map<String, Long> deltas) { this.deltas = deltas; }
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
        return "CounterDelta{deltas=" + new TreeMap<>(deltas) + ", resets=" + resetCounters + ", wrapped=" + wrappedCounters
                + ", saturated=" + saturatedCounters + ", baseline=" + baseline + ", stale=" + stale + "}";
    }
}
