package io.ballast.jobs.reliability;

import io.ballast.jobs.time.EventTime;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Small helpers for splicing hostile input into simulator traces. */
final class Traces {
    private Traces() {}

    static List<SpecificRecord> all(Iterator<SpecificRecord> records) {
        List<SpecificRecord> list = new ArrayList<>();
        records.forEachRemaining(list::add);
        return list;
    }

    /** Index of the first record at or after {@code ts}. */
    static int firstAtOrAfter(List<SpecificRecord> trace, long ts) {
        int i = 0;
        while (i < trace.size() && EventTime.tsOf(trace.get(i)) < ts) {
            i++;
        }
        return i;
    }

    static <T> T last(List<SpecificRecord> records, Class<T> type) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (type.isInstance(records.get(i))) {
                return type.cast(records.get(i));
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " in the trace");
    }
}
