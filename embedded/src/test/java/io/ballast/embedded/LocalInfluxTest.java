package io.ballast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalInfluxTest {
    @BeforeAll
    static void needsInfluxd() {
        // CI installs influxd; a developer machine without it skips (InfluxExtension enforces CI=true).
        assumeTrue(LocalInflux.installed() || "true".equals(System.getenv("CI")), LocalInflux.INSTALL_HINT);
    }

    @Test
    void servesWritesAndQueriesOnLoopback() {
        try (LocalInflux influx = LocalInflux.start(); InfluxDB client = InfluxDBFactory.connect(influx.url())) {
            assertThat(influx.url()).startsWith("http://127.0.0.1:");
            client.query(new Query("CREATE DATABASE t"));
            client.write("t", "autogen", InfluxDB.ConsistencyLevel.ONE, "m,host=a value=42 1000000000");

            assertThat(onlyValue(client.query(new Query("SELECT value FROM m", "t")))).isEqualTo(42.0);
        }
    }

    @Test
    void restartKeepsPortAndData() {
        try (LocalInflux influx = LocalInflux.start(); InfluxDB client = InfluxDBFactory.connect(influx.url())) {
            String url = influx.url();
            client.query(new Query("CREATE DATABASE t"));
            client.write("t", "autogen", InfluxDB.ConsistencyLevel.ONE, "m value=7 1000000000");

            influx.kill();
            assertThat(influx.running()).isFalse();
            assertThatThrownBy(client::ping).isInstanceOf(RuntimeException.class);

            influx.restart();
            assertThat(influx.url()).isEqualTo(url);
            assertThat(onlyValue(client.query(new Query("SELECT value FROM m", "t")))).isEqualTo(7.0);
        }
    }

    @Test
    void stopRemovesTheServer() {
        LocalInflux influx = LocalInflux.start();
        influx.stop();
        assertThat(influx.running()).isFalse();
        try (InfluxDB client = InfluxDBFactory.connect(influx.url())) {
            assertThatThrownBy(client::ping).isInstanceOf(RuntimeException.class);
        }
    }

    private static Object onlyValue(QueryResult result) {
        assertThat(result.hasError()).as(String.valueOf(result.getError())).isFalse();
        return result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1);
    }
}
