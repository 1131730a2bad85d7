package io.ballast.sinks.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.embedded.junit.InfluxExtension;
import io.ballast.events.Drain;
import io.ballast.events.TrainStep;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

class InfluxWriterTest {
    @RegisterExtension
    static InfluxExtension influx = new InfluxExtension();

    private static final String DB = "writer_test";
    private InfluxDB client;

    @BeforeEach
    void dropDatabase() {
        client = influx.client();
        client.query(new Query("DROP DATABASE " + DB));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void writtenPointsAreQueryableWithInfluxQl() {
        try (InfluxWriter writer = new InfluxWriter(InfluxWriterConfig.of(influx.url(), DB))) {
            writer.write(InfluxPoints.drain(Drain.newBuilder().setTs(1_700_000_000_000L).setNode("n7").setReason("xid 79")
                    .setRule("xid_fatal").setSeverity("critical").setEvidence(List.of()).setId("d-1").build()));
            writer.write(InfluxPoints.training(TrainStep.newBuilder().setTs(1_700_000_001_000L).setJob("j").setStep(42)
                    .setLoss(2.5).setGradNorm(0.75).build()));

            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(writer.written()).isEqualTo(2);
        }

        assertThat(InfluxQueries.rows(client, DB, "SELECT node, id, reason FROM actions WHERE type='drain' AND rule='xid_fatal'"))
                .containsExactly(List.of(1_700_000_000_000.0, "n7", "d-1", "xid 79"));
        assertThat(InfluxQueries.rows(client, DB, "SELECT loss, grad_norm, step FROM training WHERE job='j'"))
                .containsExactly(List.of(1_700_000_001_000.0, 2.5, 0.75, 42.0));
    }

    @Test
    void createsTheDatabaseWhenMissing() {
        try (InfluxWriter writer = new InfluxWriter(InfluxWriterConfig.of(influx.url(), DB))) {
            writer.write(InfluxPoints.metric("nic_rates", Map.of("node", "n1"), Map.of("symbol_error_per_s", 0.5), 1000));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(InfluxQueries.rows(client, null, "SHOW DATABASES")).contains(List.of(DB));
        assertThat(InfluxQueries.count(client, DB, "nic_rates", "symbol_error_per_s")).isEqualTo(1);
    }

    @Test
    void sendsAPartialBatchOnceTheFlushIntervalPasses() {
        InfluxWriterConfig config = InfluxWriterConfig.of(influx.url(), DB).withBatching(1000, Duration.ofMillis(100));
        try (InfluxWriter writer = new InfluxWriter(config)) {
            for (int i = 0; i < 3; i++) {
                writer.write(InfluxPoints.metric("nic_rates", Map.of("node", "n1"), Map.of("rate", (double) i), 1000 + i));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 3);
        }
        assertThat(InfluxQueries.count(client, DB, "nic_rates", "rate")).isEqualTo(3);
    }

    @Test
    void dropsABatchInfluxRejectsAndKeepsWriting() {
        try (InfluxWriter writer = new InfluxWriter(InfluxWriterConfig.of(influx.url(), DB))) {
            writer.write(InfluxPoints.metric("m", Map.of(), Map.of("x", 1.0), 1000));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

            writer.write(InfluxPoints.metric("m", Map.of(), Map.of("x", "text"), 2000)); // field type conflict: 400
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            writer.write(InfluxPoints.metric("m", Map.of(), Map.of("x", 3.0), 3000));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(writer.dropped()).isEqualTo(1);
            assertThat(writer.written()).isEqualTo(2);
        }
        assertThat(InfluxQueries.count(client, DB, "m", "x")).isEqualTo(2);
    }
}
