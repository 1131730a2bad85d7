package io.ballast.rules.hardware;

import java.util.Arrays;
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
    /** Times of each (gpu, Xid), ascending; arrays rather than lists keep the state Kryo-free. */
    private Map<String, long[]> events = new TreeMap<>();

    public XidRecurrence() {}

    public XidRecurrence(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("Xid recurrence window must be positive, got " + windowMs + " ms");
        }
        this.windowMs = windowMs;
    }

    /** Records one Xid and returns how many of that Xid (this one included) this GPU saw in (ts - window, ts]. */
    public int record(Integer gpu, int xid, long ts) {
        String key = key(gpu, xid);
        long[] times = events.getOrDefault(key, new long[0]);
        int at = times.length;
        while (at > 0 && times[at - 1] > ts) {
            at--; // late events still land in time order
        }
        long[] next = new long[times.length + 1];
        System.arraycopy(times, 0, next, 0, at);
        next[at] = ts;
        System.arraycopy(times, at, next, at + 1, times.length - at);
        next = prune(next, next[next.length - 1]);
        if (next.length > MAX_EVENTS_PER_KEY) {
            next = Arrays.copyOfRange(next, next.length - MAX_EVENTS_PER_KEY, next.length);
        }
        events.put(key, next);
        return countInWindow(gpu, xid, ts);
    }

    /** How many of that Xid this GPU saw in (ts - window, ts]. */
    public int countInWindow(Integer gpu, int xid, long ts) {
        long[] times = events.get(key(gpu, xid));
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
        events.replaceAll((key, times) -> prune(times, ts));
        events.values().removeIf(times -> times.length == 0);
    }

    private long[] prune(long[] times, long newest) {
        int first = 0;
        while (first < times.length && times[first] <= newest - windowMs) {
            first++;
        }
        return first == 0 ? times : Arrays.copyOfRange(times, first, times.length);
    }

    private static String key(Integer gpu, int xid) {
        return (gpu == null ? "node" : gpu.toString()) + "/" + xid;
    }

    public long getWindowMs() { return windowMs; }
    public void setWindowMs(long windowMs) { this.windowMs = windowMs; }
    public Map<String, long[]> getEvents() { return events; }
    public void setEvents(Map<String, long[]> events) { this.events = events; }
}
