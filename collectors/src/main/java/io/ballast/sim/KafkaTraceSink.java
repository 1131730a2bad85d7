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

import java.util.Map;

/**
 * Sends records to their contract topic ({@link EventType#topic()}) in Avro single-object encoding, keyed by node
 * (or job where there is no node) so one source's records stay ordered on one partition.
 */
public final class KafkaTraceSink implements TraceSink {
    private final Producer<String, byte[]> producer;

    public KafkaTraceSink(String bootstrapServers) {
        this(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer()));
    }

    public KafkaTraceSink(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void write(SpecificRecord record) {
        EventType type = EventType.of(record);
        producer.send(new ProducerRecord<>(type.topic(), null, Records.ts(record), Records.key(record), AvroCodec.encode(record)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
