package io.ballast.sinks.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.embedded.LocalInflux;
import io.ballast.embedded.junit.InfluxExtension;

import org.influxdb.InfluxDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

class InfluxWriterOutageTest {
    @RegisterExtension
    static InfluxExtension influx = InfluxExtension.local();

    private static final String DB = "outage_test";

    @AfterEach
    void serverBackUp() {
        if (!influx.localInflux().running()) {
            influx.localInflux().restart();
        }
    }

    @Test
    void pointsWrittenDuringAnOutageArriveAfterTheRestart() {
        LocalInflux server = influx.localInflux();
        InfluxWriterConfig config = InfluxWriterConfig.of(server.url(), DB)
                .withBatching(10, Duration.ofMillis(50))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
        try (InfluxWriter writer = new InfluxWriter(config); InfluxDB client = influx.client()) {
            writer.write(rate(0));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

            server.kill();
            for (int i = 1; i <= 20; i++) {
                writer.write(rate(i)); // returns at once: the points wait in the buffer
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.retried() >= 1);
            assertThat(writer.buffered()).isGreaterThan(0);

            server.restart();

            await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() == 21);
            assertThat(InfluxQueries.count(client, DB, "nic_rates", "rate")).isEqualTo(21);
            assertThat(writer.dropped()).isZero();
        }
    }

    @Test
    void overflowDuringAnOutageDropsMetricsButKeepsActions() {
        LocalInflux server = influx.localInflux();
        InfluxWriterConfig config = InfluxWriterConfig.of(server.url(), DB + "_overflow")
                .withBatching(5, Duration.ofMillis(50))
                .withBufferCapacity(5)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
        try (InfluxWriter writer = new InfluxWriter(config); InfluxDB client = influx.client()) {
            server.kill();
            for (int i = 0; i < 3; i++) {
                writer.write(InfluxPoints.metric(InfluxPoints.ACTIONS, Map.of("type", "drain", "rule", "r"),
                        Map.of("node", "n" + i), 1000 + i));
            }
            for (int i = 0; i < 10; i++) {
                writer.write(rate(i));
            }
            // A batch the sender holds during a failed attempt counts once it is back in the buffer.
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.dropped() == 8);
            assertThat(writer.droppedPriority()).isZero();

            server.restart();

            await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() == 5);
            assertThat(InfluxQueries.count(client, DB + "_overflow", InfluxPoints.ACTIONS, "node")).isEqualTo(3);
            assertThat(InfluxQueries.rows(client, DB + "_overflow", "SELECT rate FROM nic_rates"))
                    .extracting(row -> row.get(1)).containsExactly(8.0, 9.0);
        }
    }

    private static org.influxdb.dto.Point rate(int i) {
        return InfluxPoints.metric(InfluxPoints.NIC_RATES, Map.of("node", "n1", "device", "mlx5_0"), Map.of("rate", (double) i),
                1_700_000_000_000L + i);
    }
}
