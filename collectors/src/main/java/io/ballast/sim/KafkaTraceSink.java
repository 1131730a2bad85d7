package io.ballast.sim;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records to their contract topic ({@link EventType#topic()}) in Avro single-object encoding, keyed by node
 * (or job where there is no node) so one source's records stay ordered on one partition. The Kafka timestamp is
 * left to the producer (send time): event time travels in the payload, and a simulated past or future event time
 * would make brokers reject the record (Kafka 4 refuses timestamps over an hour ahead) or expire it at once.
 * A failed send is reported by the next {@link #flush()} or {@link #close()}.
 */
public final class KafkaTraceSink implements TraceSink {
    private final Producer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaTraceSink(String bootstrapServers) {
        this(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                // A whole fleet's rate from one producer: 16 KiB batches would mean thousands of produce requests a second.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer()));
    }

    public KafkaTraceSink(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void write(SpecificRecord record) {
        send(EventType.of(record), Records.key(record), AvroCodec.encode(record));
    }

    /** Sends an already encoded record of {@code type} under {@code key} (see {@link EncodedTrace}). */
    public void send(EventType type, String key, byte[] message) {
        producer.send(new ProducerRecord<>(type.topic(), key, message), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    public void flush() throws IOException {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("Kafka rejected a simulated record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
