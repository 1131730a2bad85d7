package io.ballast.rules.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed state (one per node) counting each (gpu, Xid) within a sliding window, so a rule can say
 * "Xid 74 drains when it recurs" (default window 10 min; the count threshold lives in the DRL). Flink POJO.
 */
public class XidRecurrence {
    /** Default window: FF2 saw Xid 74 at rates far above other faults, so recurrence must be close in time. */
    public static final long DEFAULT_WINDOW_MS = 10 * 60_000L;
    // Bounds state when a GPU floods the log; counts above this are as actionable as the cap itself.
    private static final int MAX_EVENTS_PER_KEY = 1_000;

    private long windowMs = DEFAULT_WINDOW_MS;
    private Map<String, List<Long>> events = new TreeMap<>();

    public XidRecurrence() {}

    public XidRecurrence(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("Xid recurrence window must be positive, got " + windowMs + " ms");
        }
        this.windowMs = windowMs;
    }

    /** Records one Xid and returns how many of that Xid (this one included) this GPU saw in (ts - window, ts]. */
    public int record(Integer gpu, int xid, long ts) {
        List<Long> times = events.computeIfAbsent(key(gpu, xid), k -> new ArrayList<>());
        int at = times.size();
        while (at > 0 && times.get(at - 1) > ts) {
            at--; // late events still land in time order
        }
        times.add(at, ts);
        prune(times, times.get(times.size() - 1));
        if (times.size() > MAX_EVENTS_PER_KEY) {
            times.subList(0, times.size() - MAX_EVENTS_PER_KEY).clear();
        }
        return countInWindow(gpu, xid, ts);
    }

    /** How many of that Xid this GPU saw in (ts - window, ts]. */
    public int countInWindow(Integer gpu, int xid, long ts) {
        List<Long> times = events.get(key(gpu, xid));
        if (times == null) {
            return 0;
        }
        int n = 0;
        for (long t : times) {
            if (t > ts - windowMs && t <= ts) {
                n++;
            }
        }
        return n;
    }

    /** Drops everything older than the window as of {@code ts}; call from a timer to bound state. */
    public void expire(long ts) {
        events.values().forEach(times -> prune(times, ts));
        events.values().removeIf(List::isEmpty);
    }

    private void prune(List<Long> times, long newest) {
        times.removeIf(t -> t <= newest - windowMs);
    }

    private static String key(Integer gpu, int xid) {
        return (gpu == null ? "node" : gpu.toString()) + "/" + xid;
    }

    public long getWindowMs() { return windowMs; }
    public void setWindowMs(long windowMs) { this.windowMs = windowMs; }
    public Map<String, List<Long>> getEvents() { return events; }
    public void setEvents(Map<String, List<Long>> events) { this.events = events; }
}
