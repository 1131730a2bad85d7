package io.ballast.collectors.publish;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.EmbeddedKafka;
import io.ballast.events.Xid;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka that cannot take the records yet (the embedded broker does not auto-create topics, so the topic's
 * absence looks like an outage to the producer), then can: everything buffered is resent, in order.
 */
class KafkaRecordPublisherRecoveryTest {
    private static EmbeddedKafka broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void resendsTheBufferWhenKafkaComesBack() throws Exception {
        KafkaPublisherOptions options = KafkaPublisherOptions.of(broker.bootstrapServers())
                .withBufferCapacity(1_000)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withClientProperties(Map.of("max.block.ms", "1000"));
        List<Xid> sent = new ArrayList<>();

        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(options)) {
            for (int i = 0; i < 20; i++) {
                Xid xid = TestRecords.xid("node-a", 79, i);
                sent.add(xid);
                publisher.publish(xid);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().inOutage());
            assertThat(publisher.stats().delivered()).isZero();

            TestRecords.createTopics(broker.bootstrapServers(), Topics.TELEMETRY_XID);

            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.stats().delivered() == 20);
            PublisherStats stats = publisher.stats();
            assertThat(stats.inOutage()).isFalse();
            assertThat(stats.outages()).isEqualTo(1);
            assertThat(stats.dropped()).isZero();
        }

        List<ConsumerRecord<byte[], byte[]>> received = TestRecords.consume(broker.bootstrapServers(), Topics.TELEMETRY_XID, 20);
        List<Object> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            decoded.add(AvroCodec.decode(record.value()));
        }
        assertThat(decoded).containsExactlyElementsOf(sent);
    }
}
