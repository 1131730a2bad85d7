package io.ballast.jobs.time;

import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;

import org.apache.avro.specific.SpecificRecord;

/** Event time from each record's {@code ts}, with bounded out-of-orderness and idle-source handling. */
public final class EventTime {
    private EventTime() {}

    public static <T extends SpecificRecord> WatermarkStrategy<T> strategy(Configuration conf) {
        WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(conf.get(BallastOptions.OUT_OF_ORDERNESS))
                .withTimestampAssigner((record, previous) -> tsOf(record));
        // Idleness runs on wall-clock time; replay turns it off (zero) so its output cannot depend on machine speed.
        return conf.get(BallastOptions.IDLENESS).isZero() ? strategy : strategy.withIdleness(conf.get(BallastOptions.IDLENESS));
    }

    public static long tsOf(SpecificRecord record) {
        return (Long) record.get(record.getSchema().getField("ts").pos());
    }
}
