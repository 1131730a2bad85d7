package io.ballast.it.kafka;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/**
 * Everything the job has committed to the action, alert and dead-letter topics, as a downstream
 * {@code read_committed} consumer sees it, in arrival order (duplicates kept, so tests can count them).
 */
public final class CommittedActions implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<SpecificRecord> seen = new ArrayList<>();
    private final Properties props;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public CommittedActions(String bootstrapServers, Map<String, Object> clientProperties) {
        props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (EventType type : EventType.values()) {
            if (!type.isTelemetry()) {
                // A topic just created may not be in the broker's metadata yet: partitionsFor then answers an empty list.
                List<PartitionInfo> infos = await("metadata of " + type.topic()).atMost(Duration.ofSeconds(30))
                        .until(() -> consumer.partitionsFor(type.topic()), list -> !list.isEmpty());
                for (PartitionInfo p : infos) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public CommittedActions(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** Reads what arrived since the last call; returns everything seen so far. */
    public List<SpecificRecord> poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            try {
                seen.add(AvroCodec.decode(r.value()));
            } catch (DecodeException e) {
                throw new AssertionError("the job wrote an undecodable record to " + r.topic() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(seen);
    }

    /**
     * For a failure's message: the partitions whose last stable offset trails the high watermark (an open transaction
     * holds read_committed readers there), those whose log no longer starts at 0 (the broker deleted records), and every
     * record in the log whether committed or not, aborted ones included.
     */
    public String uncommittedReport() {
        Properties uncommitted = new Properties();
        uncommitted.putAll(props);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> high = all.endOffsets(partitions);
            Map<TopicPartition, Long> start = all.beginningOffsets(partitions);
            List<String> held = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (TopicPartition p : partitions) {
                if (!stable.get(p).equals(high.get(p))) {
                    held.add(p + " stable " + stable.get(p) + " < high " + high.get(p));
                }
                if (start.get(p) > 0) {
                    deleted.add(p + " log starts at " + start.get(p));
                }
            }
            all.assign(partitions);
            all.seekToBeginning(partitions);
            List<SpecificRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> all.position(p) < high.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : all.poll(Duration.ofMillis(500))) {
                    try {
                        records.add(AvroCodec.decode(r.value()));
                    } catch (DecodeException e) {
                        // control records are not returned; anything else undecodable is reported by poll()
                    }
                }
            }
            return "partitions held by an open transaction: " + held + "; partitions whose first records were deleted (retention): "
                    + deleted + "; records in the log, committed or not: "
                    + ActionChecks.byKey(ActionChecks.actionsOnly(records)).keySet();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
