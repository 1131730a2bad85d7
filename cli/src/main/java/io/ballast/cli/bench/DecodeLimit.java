package io.ballast.cli.bench;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Map;

/**
 * The physical limit the job is compared with: one consumer thread reading the same records from the same broker
 * (read_committed, as the job) and decoding each one's Avro, doing nothing else.
 */
public final class DecodeLimit {
    private DecodeLimit() {}

    /** Reads {@code endOffsets} from the beginning and returns decoded records per second. */
    public static double measure(String bootstrap, Map<TopicPartition, Long> endOffsets, Duration timeout) {
        long expected = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(endOffsets.keySet());
            consumer.seekToBeginning(endOffsets.keySet());
            long read = 0;
            long decoded = 0;
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    read++;
                    try {
                        if (AvroCodec.decode(r.value()) != null) {
                            decoded++;
                        }
                    } catch (DecodeException e) {
                        // counted as read: the job dead-letters such records, which is work too
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (read < expected) {
                throw new IllegalStateException("the decode limit read " + read + " of " + expected + " records in " + timeout);
            }
            return decoded / seconds;
        }
    }
}
