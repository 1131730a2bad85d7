package io.ballast.cli.bench;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.jobs.kafka.KafkaClientProperties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The physical limit the job is compared with: one consumer thread reading the same records from the same broker
 * (read_committed, as the job) and decoding each one's Avro, doing nothing else. Measured, like the job, over the
 * records after the warm-up ones, so both are compared with their hot paths compiled.
 */
public final class DecodeLimit {
    private DecodeLimit() {}

    /**
     * Reads {@code endOffsets} from the beginning and returns the rate of decoded records after the first
     * {@code warmup} read, from the moment the warm-up was read to the last record.
     */
    public static JobThroughput.Rate measure(String bootstrap, Map<TopicPartition, Long> endOffsets, long warmup, Duration timeout) {
        long expected = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (warmup >= expected) {
            throw new IllegalArgumentException("the decode limit needs records after the " + warmup + " warm-up records; there are " + expected);
        }
        Map<String, Object> config = new HashMap<>(KafkaClientProperties.TELEMETRY_FETCH); // as the job's source fetches
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(endOffsets.keySet());
            consumer.seekToBeginning(endOffsets.keySet());
            long read = 0;
            long decoded = 0;
            long start = -1; // set at the first measured record
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (read++ == warmup) {
                        start = System.nanoTime();
                    }
                    try {
                        if (AvroCodec.decode(r.value()) != null && start >= 0) {
                            decoded++;
                        }
                    } catch (DecodeException e) {
                        // counted as read: the job dead-letters such records, which is work too
                    }
                }
            }
            if (read < expected) {
                throw new IllegalStateException("the decode limit read " + read + " of " + expected + " records in " + timeout);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new JobThroughput.Rate(decoded / seconds, decoded, seconds);
        }
    }
}
