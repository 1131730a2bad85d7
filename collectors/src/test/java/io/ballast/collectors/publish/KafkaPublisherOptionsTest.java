package io.ballast.collectors.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaPublisherOptionsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ballast\" password=\"s3cr3t\";";

    @Test
    void mapsBallastKafkaEnvironmentVariablesToClientProperties() {
        Map<String, String> props = KafkaPublisherOptions.fromEnvironment(Map.of(
                "BALLAST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "BALLAST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "BALLAST_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "BALLAST_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/ballast/truststore.jks",
                "BALLAST_KAFKA", "broker:9092",
                "HOME", "/root"));

        assertThat(props).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", JAAS),
                Map.entry("ssl.truststore.location", "/etc/ballast/truststore.jks"));
    }

    @Test
    void readsAPropertiesFileAndLaterPropertiesWin(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SSL\nssl.truststore.password=changeit\nlinger.ms=5\n");

        KafkaPublisherOptions options = KafkaPublisherOptions.of("b:9093")
                .withClientProperties(KafkaPublisherOptions.loadPropertiesFile(file))
                .withClientProperties(Map.of("linger.ms", "50"));

        assertThat(options.clientProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.password", "changeit").containsEntry("linger.ms", "50");
    }

    @Test
    void environmentWinsOverThePropertiesFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\nsasl.mechanism=PLAIN\n");

        KafkaPublisherOptions options = KafkaPublisherOptions.resolve("b:9093", file,
                Map.of("BALLAST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"));

        assertThat(options.bootstrapServers()).isEqualTo("b:9093");
        assertThat(options.clientProperties()).containsOnly(
                Map.entry("security.protocol", "SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-256"));
    }

    @Test
    void neverShowsSecretValues() {
        KafkaPublisherOptions options = KafkaPublisherOptions.of("b:9093").withClientProperties(Map.of(
                "sasl.jaas.config", JAAS, "ssl.keystore.password", "kpass", "ssl.key.password", "kp2",
                "security.protocol", "SASL_SSL"));

        assertThat(options.toString()).doesNotContain("s3cr3t", "kpass", "kp2").contains("SASL_SSL", "[hidden]");
        assertThat(options.redactedClientProperties()).containsEntry("sasl.jaas.config", "[hidden]");
    }

    @Test
    void rejectsAnEmptyBufferWithAClearMessage() {
        assertThatThrownBy(() -> KafkaPublisherOptions.of("b:9092").withBufferCapacity(0)).hasMessageContaining("buffer capacity");
        assertThatThrownBy(() -> KafkaPublisherOptions.of(" ")).hasMessageContaining("bootstrap");
    }

    @Test
    void missingPropertiesFileNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaPublisherOptions.loadPropertiesFile(dir.resolve("nope.properties"))).hasMessageContaining("nope.properties");
    }
}
