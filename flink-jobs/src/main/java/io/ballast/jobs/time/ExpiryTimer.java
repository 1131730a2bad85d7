package io.ballast.jobs.time;

import org.apache.flink.streaming.api.TimerService;

import java.io.Serializable;
import java.time.Duration;

/**
 * The clearing plan of a hot key's state: one event-time timer a set time after the key last had data, moved at
 * most once an hour. Cheaper than state TTL on per-sample state (TTL's incremental cleanup copies entries on every
 * access) and deterministic in replay.
 */
public final class ExpiryTimer implements Serializable {
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final long idleMs;

    public ExpiryTimer(Duration idle) {
        this.idleMs = idle.toMillis();
    }

    /** When a key last seen at {@code lastSeen} expires: the idle time after the end of that hour. */
    public long deadline(long lastSeen) {
        return Math.floorDiv(lastSeen, HOUR_MS) * HOUR_MS + HOUR_MS + idleMs;
    }

    /**
     * Keeps the key's one timer at {@code deadline(lastSeen)} as its last-seen time moves forward.
     *
     * @param previous the last-seen time before this record, {@link Long#MIN_VALUE} for a new key
     * @param lastSeen the last-seen time now (never before {@code previous})
     */
    public void touch(TimerService timers, long previous, long lastSeen) {
        long next = deadline(lastSeen);
        if (previous != Long.MIN_VALUE) {
            long current = deadline(previous);
            if (current == next) {
                return;
            }
            timers.deleteEventTimeTimer(current);
        }
        timers.registerEventTimeTimer(next);
    }

    /** Whether a timer firing at {@code timestamp} ends a key last seen at {@code lastSeen}. */
    public boolean expired(long timestamp, long lastSeen) {
        return timestamp >= deadline(lastSeen);
    }
}
