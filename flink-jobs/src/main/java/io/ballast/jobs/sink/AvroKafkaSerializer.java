package io.ballast.jobs.sink;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;

import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.apache.avro.specific.SpecificRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Writes contract records to their topic in Avro single-object encoding, keyed so that per-key order (and compaction)
 * holds. The Kafka timestamp is the send time, not the record's event time: the broker's retention counts from it.
 */
public final class AvroKafkaSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    /** The Kafka key of a record, e.g. the node of a drain or "job/layer" of a bias update. */
    public interface KeyOf<T> extends Function, Serializable {
        String key(T record);
    }

    private final KeyOf<T> keyOf;

    public AvroKafkaSerializer(KeyOf<T> keyOf) {
        this.keyOf = keyOf;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long eventTime) {
        // Not the event time (it is in the payload's ts): an action decided on telemetry older than the topic's retention
        // (a backlog after an outage, a backfill, a replayed trace) would be deleted by the broker's next retention pass,
        // committed or not, before a trainer or the scheduler read it.
        return new ProducerRecord<>(EventType.of(record).topic(), null, null,
                keyOf.key(record).getBytes(StandardCharsets.UTF_8), AvroCodec.encode(record));
    }
}
