package io.ballast.jobs.kafka;

import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}) from the file named by
 * {@code ballast.kafka.properties-file}, for the job's source and sinks alike. Secrets stay in that file: they never go
 * on a command line, and nothing here logs a value.
 */
public final class KafkaClientProperties {
    /**
     * How the telemetry source fetches unless the file says otherwise: up to 8 MiB per partition and 2,000 records a
     * poll instead of Kafka's 1 MiB and 500. Telemetry records are a few hundred bytes, so the defaults hand the
     * source a few thousand records per round trip to the broker, and the job then waits on fetches with CPU to
     * spare (session 12: 325,000-355,000 events/s warm, against 420,000 with these). The bench's decode limit reads
     * with the same settings, so the two are measured alike.
     */
    public static final Map<String, String> TELEMETRY_FETCH = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20),
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));

    private KafkaClientProperties() {}

    /** The telemetry source's properties: {@link #TELEMETRY_FETCH}, then the file's, which win. */
    public static Properties forTelemetrySource(Configuration conf) {
        Properties props = new Properties();
        props.putAll(TELEMETRY_FETCH);
        props.putAll(from(conf));
        return props;
    }

    /** The file's properties, or none when the option is unset. */
    public static Properties from(Configuration conf) {
        Properties props = new Properties();
        String file = conf.get(BallastOptions.KAFKA_PROPERTIES_FILE);
        if (file == null || file.isBlank()) {
            return props;
        }
        try (Reader r = Files.newBufferedReader(Path.of(file))) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("ballast.kafka.properties-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return props;
    }
}
