package io.ballast.jobs.io;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawRecordTest {
    @Test
    void aKafkaRecordNamesItsTopicPartitionAndOffsetAsItsSource() throws Exception {
        List<RawRecord> out = new ArrayList<>();
        new KafkaRawDeserializer().deserialize(new ConsumerRecord<>("ballast.telemetry.gpu", 3, 42L, null, new byte[] {1, 2}), collector(out));

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("ballast.telemetry.gpu/3/42");
            assertThat(r.payload).containsExactly(1, 2);
            assertThat(r.json).isFalse();
        });
    }

    @Test
    void aRecordWithoutAValueHasAnEmptyPayloadAndAFileRecordKeepsItsOwnSource() throws Exception {
        List<RawRecord> out = new ArrayList<>();
        new KafkaRawDeserializer().deserialize(new ConsumerRecord<>("t", 0, 7L, null, null), collector(out));

        assertThat(out.get(0).payload).isEmpty();
        assertThat(out.get(0).source()).isEqualTo("t/0/7");
        assertThat(new RawRecord("trace.jsonl:7", new byte[0], true, 0L, null).source()).isEqualTo("trace.jsonl:7");
    }

    private static Collector<RawRecord> collector(List<RawRecord> out) {
        return new Collector<>() {
            @Override public void collect(RawRecord record) { out.add(record); }
            @Override public void close() {}
        };
    }
}
