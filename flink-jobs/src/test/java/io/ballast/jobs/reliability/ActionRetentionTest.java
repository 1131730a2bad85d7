package io.ballast.jobs.reliability;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.EmbeddedKafka;
import io.ballast.events.Alert;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.sink.AvroKafkaSerializer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An action decided on telemetry older than its topic's retention (a backlog after an outage, a backfill, a replayed
 * trace) stays on the topic: the broker's retention counts from when the action was written, not from its event time.
 * Stamped with its event time, such an alert was deleted by the broker's next retention pass, committed or not (the
 * TaskManager-kill test lost five alerts of its 2026-01-01 trace so).
 */
class ActionRetentionTest {
    static final Duration ALERT_RETENTION = Topics.ALL.stream().filter(t -> t.name().equals(Topics.ALERTS)).findFirst()
            .orElseThrow().retention();
    static final String CANARY = "retention-canary";

    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        // Retention passes every 200 ms from the start instead of every 5 min after 30 s.
        kafka = EmbeddedKafka.start(Map.of("log.initial.task.delay.ms", "0", "log.retention.check.interval.ms", "200"));
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(CANARY, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ALERT_RETENTION.toMillis()))))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void anActionIsStampedWithItsSendTimeNotItsEventTime() {
        Alert old = alertDecidedOn(System.currentTimeMillis() - ALERT_RETENTION.plusDays(1).toMillis());

        ProducerRecord<byte[], byte[]> record = new AvroKafkaSerializer<Alert>(Alert::getId).serialize(old, null, old.getTs());

        assertThat(record.timestamp()).as("null: the producer stamps the send time").isNull();
        assertThat(record.topic()).isEqualTo(Topics.ALERTS);
    }

    @Test
    void anAlertOnTelemetryOlderThanTheTopicsRetentionOutlivesTheBrokersRetentionPasses() throws Exception {
        Alert old = alertDecidedOn(System.currentTimeMillis() - ALERT_RETENTION.plusDays(1).toMillis());
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "retention-test"))) {
            // As the exactly-once sink writes: in a transaction, committed once the checkpoint completes.
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new AvroKafkaSerializer<Alert>(Alert::getId).serialize(old, null, old.getTs()));
            producer.commitTransaction();
        }

        // Two canaries stamped past the retention, one after the other's deletion: the pass that deletes the second
        // started after the pass that deleted the first had finished, and that one judged the alert's segment.
        awaitDeletedByRetention(0);
        awaitDeletedByRetention(1);

        assertThat(readCommitted(Topics.ALERTS)).containsExactly(old);
    }

    private static void awaitDeletedByRetention(long offset) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            long stamped = System.currentTimeMillis() - ALERT_RETENTION.plusDays(1).toMillis();
            producer.send(new ProducerRecord<>(CANARY, 0, stamped, null, new byte[] {1})).get();
        }
        TopicPartition canary = new TopicPartition(CANARY, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedReader.open(kafka.bootstrapServers(), CANARY)) {
            await("canary at offset " + offset + " deleted by a retention pass").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> consumer.beginningOffsets(List.of(canary)).get(canary) > offset);
        }
    }

    private static List<Alert> readCommitted(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedReader.open(kafka.bootstrapServers(), topic)) {
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Alert> alerts = new ArrayList<>();
            await("read to the last stable offset").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    alerts.add((Alert) AvroCodec.decode(r.value()));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return alerts;
        }
    }

    private static Alert alertDecidedOn(long ts) {
        return Alerts.of("xid_application", "firing", "info", "Xid 13 GR_EXCEPTION (APP): application-side, no node action",
                Map.of("node", "gpu-node-013"), ts);
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
