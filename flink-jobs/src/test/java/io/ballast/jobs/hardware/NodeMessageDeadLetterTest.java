package io.ballast.jobs.hardware;

import io.ballast.codec.AvroCodec;
import io.ballast.events.DeadLetter;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;

import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample whose header reads but whose body does not (decoded only here, behind the exchange) is a dead letter of the
 * node operator with its position and reason, and the node's next good sample is handled as if it had not come.
 */
class NodeMessageDeadLetterTest {
    static final long T0 = 1_795_486_326_000L;

    @Test
    void aBodyThatDoesNotDecodeIsADeadLetterAndTheNextSampleCounts() throws Exception {
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.nic(nic(T0, 0)), T0);
            byte[] good = AvroCodec.encode(nic(T0 + 5_000, 50));
            h.processElement(message(Arrays.copyOf(good, good.length - 3), T0 + 5_000, "ballast.telemetry.nic", 7, 42), T0 + 5_000);
            byte[] negative = AvroCodec.encode(GpuSample.newBuilder().setTs(T0 + 5_000).setNode("n1").setGpu(-1).build());
            h.processElement(message(negative, T0 + 5_000, "ballast.telemetry.gpu", 0, 9), T0 + 5_000);

            assertThat(NodeHarness.deadLetters(h)).extracting(DeadLetter::getSource)
                    .containsExactly("ballast.telemetry.nic/7/42", "ballast.telemetry.gpu/0/9");
            assertThat(NodeHarness.deadLetters(h)).extracting(DeadLetter::getReason).satisfiesExactly(
                    r -> assertThat(r).startsWith("bad Avro body for nic_counters"),
                    r -> assertThat(r).contains("field 'gpu': must be >= 0"));
            assertThat(NodeHarness.deadLetters(h)).extracting(DeadLetter::getTs).as("the Kafka record's time").containsOnly(T0 + 60_000);
            assertThat(NodeHarness.correlation(h)).as("the lost sample set no baseline").isEmpty();

            h.processElement(NodeInput.nic(nic(T0 + 10_000, 50)), T0 + 10_000);
            assertThat(NodeHarness.correlation(h)).as("50 errors against the first sample's baseline").hasSize(1);
        }
    }

    private static Either<NodeMessage, io.ballast.events.Xid> message(byte[] bytes, long ts, String topic, int partition, long offset) {
        return Either.Left(NodeMessage.of(new RawRecord(topic, partition, offset, bytes, T0 + 60_000), ts, null, "n1", bytes));
    }

    private static NicCounters nic(long ts, long symbolErrors) {
        return NicCounters.newBuilder().setTs(ts).setNode("n1").setDevice("mlx5_0").setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", symbolErrors, "port_xmit_data", ts / 1000)).build();
    }
}
