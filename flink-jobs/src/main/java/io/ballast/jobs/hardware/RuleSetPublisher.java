package io.ballast.jobs.hardware;

import io.ballast.contract.Topics;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Publishes a signed rule set to {@code ballast.rules}, keyed by its version (compaction keeps every version once). */
public final class RuleSetPublisher {
    private RuleSetPublisher() {}

    /** Sends and waits for the broker's acknowledgement; returns where the set landed ({@code topic/partition/offset}). */
    public static String publish(String bootstrap, SignedRuleSet set) throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A rule set is a few KB to a few hundred; the default 1 MB request limit is the real cap.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata m = producer.send(new ProducerRecord<>(Topics.RULES, set.getVersion(), set.toJson())).get();
            return m.topic() + "/" + m.partition() + "/" + m.offset();
        }
    }
}
