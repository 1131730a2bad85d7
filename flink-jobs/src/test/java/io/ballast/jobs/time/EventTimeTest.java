package io.ballast.jobs.time;

import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeTest {
    @Test
    void tsIsReadFromItsOwnFieldInEveryRecordKind() {
        long ts = 1_795_486_326_000L;
        for (EventType type : EventType.values()) {
            SpecificRecordBase record = (SpecificRecordBase) SpecificData.newInstance(type.recordClass(), type.schema());
            for (int i = 0; i < type.schema().getFields().size(); i++) {
                if (type.schema().getFields().get(i).schema().getType() == org.apache.avro.Schema.Type.LONG) {
                    record.put(i, -(long) i); // every other long field holds something else
                }
            }
            record.put("ts", ts + type.ordinal());

            assertThat(EventTime.tsOf(record)).as(type.typeName()).isEqualTo(ts + type.ordinal());
        }
    }
}
