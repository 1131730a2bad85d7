package io.ballast.sinks.influx;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link InfluxWriter} writes: a batch goes out when {@code batchSize} lines are
 * buffered or {@code flushInterval} has passed; failed batches are retried with exponential
 * backoff from {@code initialBackoff} up to {@code maxBackoff}; at most {@code bufferCapacity} lines wait.
 */
public record InfluxWriterConfig(
        String url,
        String database,
        String retentionPolicy,
        int batchSize,
        Duration flushInterval,
        int bufferCapacity,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout,
        Duration flushTimeout) implements Serializable {

    public InfluxWriterConfig {
        Objects.requireNonNull(url, "InfluxDB url");
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("InfluxDB database name is empty");
        }
        if (batchSize < 1 || bufferCapacity < batchSize) {
            throw new IllegalArgumentException("need 1 <= batchSize <= bufferCapacity, got batchSize=" + batchSize
                    + " bufferCapacity=" + bufferCapacity);
        }
        for (Duration d : new Duration[] {flushInterval, initialBackoff, maxBackoff, requestTimeout, flushTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("InfluxDB writer durations must be positive: " + d);
            }
        }
    }

    /** Defaults: batches of 500 or every second, 50k lines buffered, backoff 200 ms to 30 s. */
    public static InfluxWriterConfig of(String url, String database) {
        return new InfluxWriterConfig(url, database, "autogen", 500, Duration.ofSeconds(1), 50_000,
                Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    public InfluxWriterConfig withBatching(int batchSize, Duration flushInterval) {
        return new InfluxWriterConfig(url, database, retentionPolicy, batchSize, flushInterval, bufferCapacity,
                initialBackoff, maxBackoff, requestTimeout, flushTimeout);
    }

    public InfluxWriterConfig withBufferCapacity(int bufferCapacity) {
        return new InfluxWriterConfig(url, database, retentionPolicy, batchSize, flushInterval, bufferCapacity,
                initialBackoff, maxBackoff, requestTimeout, flushTimeout);
    }

    public InfluxWriterConfig withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new InfluxWriterConfig(url, database, retentionPolicy, batchSize, flushInterval, bufferCapacity,
                initialBackoff, maxBackoff, requestTimeout, flushTimeout);
    }
}
