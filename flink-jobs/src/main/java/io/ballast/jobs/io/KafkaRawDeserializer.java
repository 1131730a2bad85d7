package io.ballast.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Wraps each Kafka record as a {@link RawRecord} without decoding it, so a bad payload becomes a dead letter, not a failed job. */
public final class KafkaRawDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String source = record.topic() + "/" + record.partition() + "/" + record.offset();
        out.collect(new RawRecord(source, record.value() == null ? new byte[0] : record.value(), false, record.timestamp(), null));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
