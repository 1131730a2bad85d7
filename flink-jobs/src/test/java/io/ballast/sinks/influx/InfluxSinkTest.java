package io.ballast.sinks.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.embedded.junit.InfluxExtension;
import io.ballast.events.Drain;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.influxdb.InfluxDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

class InfluxSinkTest {
    @RegisterExtension
    static InfluxExtension influx = new InfluxExtension();

    @Test
    void flinkJobWritesItsRecordsBeforeFinishing() throws Exception {
        try (InfluxDB client = influx.database("sink_test")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(drain("d-1", "n1", 1000), drain("d-2", "n2", 2000))
                    .sinkTo(InfluxSink.of(influx.url(), "sink_test", InfluxPoints::drain));
            env.execute("influx sink test");

            assertThat(InfluxQueries.rows(client, "sink_test", "SELECT node, id FROM actions"))
                    .containsExactly(List.of(1000.0, "n1", "d-1"), List.of(2000.0, "n2", "d-2"));
        }
    }

    @Test
    void anElementTheMapperCannotHandleDoesNotFailTheJob() throws Exception {
        try (InfluxDB client = influx.database("sink_bad_input")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            PointMapper<String> parse = s -> List.of(
                    InfluxPoints.metric("m", Map.of(), Map.of("x", Double.parseDouble(s)), 1000 + s.length()));
            env.fromData("1", "oops", "333").sinkTo(InfluxSink.of(influx.url(), "sink_bad_input", parse));
            env.execute("influx sink bad input test");

            assertThat(InfluxQueries.rows(client, "sink_bad_input", "SELECT x FROM m"))
                    .containsExactly(List.of(1001.0, 1.0), List.of(1003.0, 333.0));
        }
    }

    private static Drain drain(String id, String node, long ts) {
        return Drain.newBuilder().setId(id).setNode(node).setTs(ts).setReason("xid 79").setRule("xid_fatal")
                .setSeverity("critical").setEvidence(List.of()).build();
    }
}
