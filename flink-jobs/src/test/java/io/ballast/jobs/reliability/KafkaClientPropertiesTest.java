package io.ballast.jobs.reliability;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.kafka.KafkaClientProperties;
import io.ballast.jobs.live.JobArgs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka security settings reach the job from a file named on the command line, never the secrets themselves. */
class KafkaClientPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void readsSecuritySettingsFromTheFileNamedByTheOption() throws Exception {
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ballast" password="s3cret";
                ssl.truststore.location=/etc/ballast/truststore.p12
                """);
        Configuration conf = JobArgs.parse(new String[]{"--set", "ballast.kafka.properties-file=" + file});

        Properties props = KafkaClientProperties.from(conf);

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/ballast/truststore.p12");
        assertThat(props.getProperty("sasl.jaas.config")).contains("password=\"s3cret\"");
    }

    @Test
    void noFileMeansNoExtraProperties() {
        assertThat(KafkaClientProperties.from(new Configuration())).isEmpty();
    }

    @Test
    void theTelemetrySourceFetchesLargeBatchesUnlessTheFileSaysOtherwise() throws Exception {
        assertThat(KafkaClientProperties.forTelemetrySource(new Configuration())).containsEntry("max.poll.records", "2000")
                .containsEntry("max.partition.fetch.bytes", "8388608").containsEntry("fetch.max.bytes", "67108864");

        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "max.partition.fetch.bytes=1048576\nsecurity.protocol=SSL\n");
        Configuration conf = JobArgs.parse(new String[]{"--set", "ballast.kafka.properties-file=" + file});

        assertThat(KafkaClientProperties.forTelemetrySource(conf)).containsEntry("max.partition.fetch.bytes", "1048576")
                .containsEntry("max.poll.records", "2000").containsEntry("security.protocol", "SSL");
    }

    @Test
    void theOptionsDescriptionStatesTheFetchDefaultsThatApply() {
        String description = new HtmlFormatter().format(BallastOptions.KAFKA_PROPERTIES_FILE.description());
        KafkaClientProperties.TELEMETRY_FETCH.forEach((k, v) -> assertThat(description).contains(k + "=" + v));
    }

    @Test
    void anUnreadableFileIsNamedInTheError() {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_PROPERTIES_FILE, dir.resolve("missing.properties").toString());
        assertThatThrownBy(() -> KafkaClientProperties.from(conf))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.properties");
    }
}
