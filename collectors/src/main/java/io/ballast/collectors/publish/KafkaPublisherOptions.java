package io.ballast.collectors.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a collector talks to Kafka: bootstrap servers, extra Kafka client properties (SASL, SSL, timeouts...),
 * and the outage buffer. Secret values never appear in {@link #toString()}.
 *
 * @param bufferCapacity records kept while Kafka is unreachable; the oldest are dropped beyond it
 */
public record KafkaPublisherOptions(
        String bootstrapServers,
        Map<String, String> clientProperties,
        int bufferCapacity,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration closeTimeout) {

    public static final int DEFAULT_BUFFER_CAPACITY = 100_000;
    /** Environment variables {@code BALLAST_KAFKA_SASL_MECHANISM=...} become client property {@code sasl.mechanism}. */
    public static final String ENV_PREFIX = "BALLAST_KAFKA_";

    public KafkaPublisherOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are empty");
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, got " + bufferCapacity);
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaPublisherOptions of(String bootstrapServers) {
        return new KafkaPublisherOptions(bootstrapServers, Map.of(), DEFAULT_BUFFER_CAPACITY,
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** These options plus {@code extra} client properties, which win over earlier ones. */
    public KafkaPublisherOptions withClientProperties(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(clientProperties);
        merged.putAll(extra);
        return new KafkaPublisherOptions(bootstrapServers, merged, bufferCapacity, initialBackoff, maxBackoff, closeTimeout);
    }

    public KafkaPublisherOptions withBufferCapacity(int capacity) {
        return new KafkaPublisherOptions(bootstrapServers, clientProperties, capacity, initialBackoff, maxBackoff, closeTimeout);
    }

    public KafkaPublisherOptions withBackoff(Duration initial, Duration max) {
        return new KafkaPublisherOptions(bootstrapServers, clientProperties, bufferCapacity, initial, max, closeTimeout);
    }

    /**
     * Options for {@code bootstrapServers} with client properties from {@code propertiesFile} (may be null), then
     * from {@code BALLAST_KAFKA_*} variables of {@code env}, which win.
     */
    public static KafkaPublisherOptions resolve(String bootstrapServers, Path propertiesFile, Map<String, String> env) {
        KafkaPublisherOptions options = of(bootstrapServers);
        if (propertiesFile != null) {
            options = options.withClientProperties(loadPropertiesFile(propertiesFile));
        }
        return options.withClientProperties(fromEnvironment(env));
    }

    /** Kafka client properties from a {@code .properties} file, as Kafka's own tools read them. */
    public static Map<String, String> loadPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka client properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** Client properties from {@code BALLAST_KAFKA_*} variables of {@code env} (pass {@code System.getenv()}). */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                map.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return map;
    }

    /** True for properties whose value is a credential (passwords, JAAS config, keys, tokens). */
    public static boolean isSecret(String property) {
        String name = property.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("jaas") || name.contains("secret")
                || name.contains("token") || name.endsWith(".key") || name.contains("credentials");
    }

    /** The client properties with secret values replaced, safe to log. */
    public Map<String, String> redactedClientProperties() {
        Map<String, String> redacted = new TreeMap<>();
        clientProperties.forEach((name, value) -> redacted.put(name, isSecret(name) ? "[hidden]" : value));
        return redacted;
    }

    @Override
    public String toString() {
        return "KafkaPublisherOptions[bootstrapServers=" + bootstrapServers + ", clientProperties=" + redactedClientProperties()
                + ", bufferCapacity=" + bufferCapacity + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", closeTimeout=" + closeTimeout + "]";
    }
}
