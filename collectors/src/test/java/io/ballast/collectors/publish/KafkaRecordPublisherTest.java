package io.ballast.collectors.publish;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

class KafkaRecordPublisherTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    @BeforeAll
    static void topics() throws Exception {
        TestRecords.createTopics(kafka.bootstrapServers(), Topics.TELEMETRY_GPU, Topics.TELEMETRY_XID, Topics.TELEMETRY_NIC);
    }

    @Test
    void recordsArriveDecodableOnTheirTopicsKeyedByNode() throws Exception {
        GpuSample sample = TestRecords.gpuSample("node-a", 3, 1_000L);
        Xid xid = TestRecords.xid("node-b", 79, 2_000L);
        NicCounters nic = TestRecords.nic("node-c", 3_000L);

        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(KafkaPublisherOptions.of(kafka.bootstrapServers()))) {
            publisher.publish(sample);
            publisher.publish(xid);
            publisher.publish(nic);
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.stats().delivered() == 3);
            assertThat(publisher.stats().inOutage()).isFalse();
        }

        assertArrived(Topics.TELEMETRY_GPU, "node-a", sample);
        assertArrived(Topics.TELEMETRY_XID, "node-b", xid);
        assertArrived(Topics.TELEMETRY_NIC, "node-c", nic);
    }

    private static void assertArrived(String topic, String key, Object expected) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = TestRecords.consume(kafka.bootstrapServers(), topic, 1);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(AvroCodec.decode(records.get(0).value())).isEqualTo(expected);
    }

    @Test
    void unreachableBrokerNeitherThrowsNorBlocksAndDropsTheOldestBeyondTheBuffer() throws IOException {
        KafkaPublisherOptions options = KafkaPublisherOptions.of("127.0.0.1:" + freePort())
                .withBufferCapacity(50)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withClientProperties(Map.of("max.block.ms", "2000"));

        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(options)) {
            // A caller that waited for the broker would take 500 x max.block.ms here.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 500; i++) {
                    publisher.publish(TestRecords.gpuSample("node-a", 0, i));
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().inOutage());

            PublisherStats stats = publisher.stats();
            assertThat(stats.accepted()).isEqualTo(500);
            assertThat(stats.buffered()).isLessThanOrEqualTo(50);
            assertThat(stats.delivered()).isZero();
            assertThat(stats.dropped()).isGreaterThanOrEqualTo(500 - 50 - 50);
            assertThat(stats.accepted()).isEqualTo(stats.delivered() + stats.dropped() + stats.rejected() + stats.buffered() + stats.inFlight());

            // Several failed retries later it is still one outage, logged once.
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().dropped() >= 450);
            assertThat(publisher.stats().outages()).isEqualTo(1);
        }
    }

    @Test
    void keysByJobWhenTheRecordHasNoNode() {
        io.ballast.events.TrainStep step = io.ballast.events.TrainStep.newBuilder().setTs(1L).setJob("moe-7b").setStep(12L).setLoss(2.5).build();

        assertThat(new String(KafkaRecordPublisher.keyOf(step), StandardCharsets.UTF_8)).isEqualTo("moe-7b");
        assertThat(new String(KafkaRecordPublisher.keyOf(TestRecords.xid("node-x", 13, 1L)), StandardCharsets.UTF_8)).isEqualTo("node-x");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
