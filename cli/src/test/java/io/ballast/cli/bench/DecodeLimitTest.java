package io.ballast.cli.bench;

import io.ballast.contract.EventType;
import io.ballast.embedded.EmbeddedKafka;
import io.ballast.events.GpuSample;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.sim.KafkaTraceSink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decode limit on a real broker: it reads every record and rates only the decodable ones after the warm-up. */
class DecodeLimitTest {
    static final int VALID = 3_000;
    static final int GARBAGE = 100;
    static EmbeddedKafka kafka;
    static Map<TopicPartition, Long> gpuEnds;
    static Map<TopicPartition, Long> xidEnds;

    @BeforeAll
    static void produce() throws Exception {
        kafka = EmbeddedKafka.start();
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        try (KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers())) {
            for (int i = 0; i < VALID; i++) {
                sink.write(GpuSample.newBuilder().setTs(1_700_000_000_000L + i).setNode("n" + (i % 50)).setGpu(i % 8).build());
            }
            for (int i = 0; i < GARBAGE; i++) {
                sink.send(EventType.XID, "n" + i, ("not avro " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (KafkaOffsets offsets = new KafkaOffsets(kafka.bootstrapServers())) {
            gpuEnds = offsets.endOffsets(List.of(EventType.GPU_SAMPLE.topic()));
            xidEnds = offsets.endOffsets(List.of(EventType.XID.topic()));
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void ratesTheRecordsAfterTheWarmUpOnly() {
        JobThroughput.Rate rate = DecodeLimit.measure(kafka.bootstrapServers(), gpuEnds, 1_000, Duration.ofMinutes(1));
        assertThat(rate.records()).isEqualTo(VALID - 1_000);
        assertThat(rate.seconds()).isPositive();
        assertThat(rate.eventsPerSecond()).isEqualTo(rate.records() / rate.seconds());
    }

    @Test
    void withoutAWarmUpRatesEveryDecodedRecord() {
        assertThat(DecodeLimit.measure(kafka.bootstrapServers(), gpuEnds, 0, Duration.ofMinutes(1)).records()).isEqualTo(VALID);
    }

    @Test
    void readsUndecodableRecordsButDoesNotCountThemAsDecoded() {
        assertThat(DecodeLimit.measure(kafka.bootstrapServers(), xidEnds, 0, Duration.ofMinutes(1)).records()).isZero();
    }

    @Test
    void aWarmUpAsLongAsTheInputIsRefused() {
        assertThatThrownBy(() -> DecodeLimit.measure(kafka.bootstrapServers(), gpuEnds, VALID, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the " + VALID + " warm-up records");
    }
}
