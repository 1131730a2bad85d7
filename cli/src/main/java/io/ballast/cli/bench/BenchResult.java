package io.ballast.cli.bench;

import java.util.Locale;

/** The figures a bench run ends with; {@link #lastLine()} is the machine-readable summary. */
public record BenchResult(double eventsPerSecond, long p50Ms, long p99Ms, double limitEventsPerSecond) {
    /** Job throughput over the consume-and-decode limit; 0 when the limit is unknown. */
    public double ratio() {
        return limitEventsPerSecond > 0 ? eventsPerSecond / limitEventsPerSecond : 0;
    }

    /** {@code events_per_s=<n> p50_ms=<n> p99_ms=<n> limit_events_per_s=<n> ratio=<x>}; a latency without samples is -1. */
    public String lastLine() {
        return String.format(Locale.ROOT, "events_per_s=%d p50_ms=%d p99_ms=%d limit_events_per_s=%d ratio=%.3f",
                Math.round(eventsPerSecond), p50Ms, p99Ms, Math.round(limitEventsPerSecond), ratio());
    }
}
