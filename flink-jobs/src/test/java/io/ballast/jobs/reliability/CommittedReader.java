package io.ballast.jobs.reliability;

import io.ballast.codec.AvroCodec;
import io.ballast.events.Drain;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A downstream {@code read_committed} consumer of whole topics from their beginning, as a scheduler or trainer reads actions. */
final class CommittedReader {
    private CommittedReader() {}

    static KafkaConsumer<byte[], byte[]> open(String bootstrapServers, String... topics) {
        return open(bootstrapServers, Map.of(), topics);
    }

    /** With extra client properties, e.g. SASL settings. */
    static KafkaConsumer<byte[], byte[]> open(String bootstrapServers, Map<String, Object> clientProperties, String... topics) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            // A topic just created may not be in the broker's metadata yet: partitionsFor then answers an empty list.
            List<PartitionInfo> infos = await("metadata of " + topic).atMost(Duration.ofSeconds(30))
                    .until(() -> consumer.partitionsFor(topic), list -> !list.isEmpty());
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads the drains topic until at least one drain is committed; returns all read so far. */
    static List<Drain> awaitDrains(KafkaConsumer<byte[], byte[]> drains, String what) {
        List<Drain> committed = new ArrayList<>();
        await(what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<byte[], byte[]> r : drains.poll(Duration.ofMillis(500))) {
                committed.add((Drain) AvroCodec.decode(r.value()));
            }
            return !committed.isEmpty();
        });
        return committed;
    }
}
