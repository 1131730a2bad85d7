package io.ballast.rules.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two samples of a counter set: non-negative deltas, per-minute rates, and which counters
 * were reset (new baseline), wrapped, or stuck at their saturation maximum.
 */
public class CounterDelta {
    private Map<String, Long> deltas = new TreeMap<>();
    private Map<String, Double> ratesPerMinute = new TreeMap<>();
    private List<String> resetCounters = new ArrayList<>();
    private List<String> wrappedCounters = new ArrayList<>();
    private List<String> saturatedCounters = new ArrayList<>();
    private boolean baseline;
    private boolean sourceChanged;
    private boolean stale;
    private long elapsedMs;

    public CounterDelta() {}

    /** Delta of one counter since the previous sample; 0 when unknown, reset or first seen. */
    public long delta(String name) {
        return deltas.getOrDefault(name, 0L);
    }

    /** Per-minute rate of one counter; 0 when unknown, reset or first seen. */
    public double ratePerMinute(String name) {
        return ratesPerMinute.getOrDefault(name, 0.0);
    }

    /** True when any of the named counters increased. */
    public boolean anyIncreased(List<String> names) {
        return names.stream().anyMatch(n -> delta(n) > 0);
    }

    public Map<String, Long> getDeltas() { return deltas; }
    public void setDeltas(Map<String, Long> deltas) { this.deltas = deltas; }
    public Map<String, Double> getRatesPerMinute() { return ratesPerMinute; }
    public void setRatesPerMinute(Map<String, Double> ratesPerMinute) { this.ratesPerMinute = ratesPerMinute; }
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
        return "CounterDelta{deltas=" + deltas + ", resets=" + resetCounters + ", wrapped=" + wrappedCounters
                + ", saturated=" + saturatedCounters + ", baseline=" + baseline + ", stale=" + stale + "}";
    }
}
