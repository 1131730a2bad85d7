package io.ballast.sim;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Generic access to the fields every contract record shares, whatever its class. */
final class Records {
    private Records() {}

    static long ts(SpecificRecord record) {
        return (Long) record.get(record.getSchema().getField("ts").pos());
    }

    /** The Kafka key: the node a record is about, else its job, else null (round-robin). */
    static String key(SpecificRecord record) {
        for (String name : new String[]{"node", "job"}) {
            Schema.Field field = record.getSchema().getField(name);
            if (field != null && record.get(field.pos()) != null) {
                return record.get(field.pos()).toString();
            }
        }
        return null;
    }
}
