package io.ballast.jobs.time;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;

/** Event time from each record's {@code ts}, with bounded out-of-orderness and idle-source handling. */
public final class EventTime {
    private EventTime() {}

    /** @param sparse a kind that reports events rather than samples (see {@link BallastOptions#SPARSE_IDLENESS}) */
    public static <T extends SpecificRecord> WatermarkStrategy<T> strategy(Configuration conf, boolean sparse) {
        return strategy(conf, sparse, (record, previous) -> tsOf(record));
    }

    /** As {@link #strategy(Configuration, boolean)}, for records whose time {@code ts} gives. */
    public static <T> WatermarkStrategy<T> strategy(Configuration conf, boolean sparse, SerializableTimestampAssigner<T> ts) {
        WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(conf.get(BallastOptions.OUT_OF_ORDERNESS))
                .withTimestampAssigner(ts);
        // Idleness runs on wall-clock time; replay turns it off (zero) so its output cannot depend on machine speed.
        Duration idleness = conf.get(BallastOptions.IDLENESS);
        if (sparse && conf.get(BallastOptions.SPARSE_IDLENESS).compareTo(idleness) < 0) {
            idleness = conf.get(BallastOptions.SPARSE_IDLENESS);
        }
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    /** The position of {@code ts} in each record class's schema, looked up once per class instead of by name per record. */
    private static final ClassValue<Integer> TS_POSITION = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return SpecificData.get().getSchema(type).getField("ts").pos();
        }
    };

    public static long tsOf(SpecificRecord record) {
        // The two kinds that make up nearly all telemetry first: their getters read the field without boxing it.
        if (record instanceof GpuSample g) {
            return g.getTs();
        }
        if (record instanceof NicCounters n) {
            return n.getTs();
        }
        return (Long) record.get(TS_POSITION.get(record.getClass()));
    }
}
