package io.ballast.jobs.kafka;

import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka client properties (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}) from the file named by
 * {@code ballast.kafka.properties-file}, for the job's source and sinks alike. Secrets stay in that file: they never go
 * on a command line, and nothing here logs a value.
 */
public final class KafkaClientProperties {
    private KafkaClientProperties() {}

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
