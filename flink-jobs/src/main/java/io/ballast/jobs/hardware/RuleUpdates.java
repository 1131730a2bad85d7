package io.ballast.jobs.hardware;

import io.ballast.contract.Topics;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.io.KafkaRawDeserializer;
import io.ballast.jobs.io.RawRecord;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;


/** Where published rule sets come from: {@code ballast.rules} in live mode, nothing in replay. */
public final class RuleUpdates {
    private RuleUpdates() {}

    /**
     * The rules topic from its start, so a fresh job ends up on the newest set (a restored job resumes from its
     * checkpointed offsets and broadcast state instead).
     */
    public static DataStream<RawRecord> kafka(StreamExecutionEnvironment env, Configuration conf) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(conf.get(BallastOptions.KAFKA_BOOTSTRAP))
                .setTopics(Topics.RULES)
                .setGroupId(conf.get(BallastOptions.KAFKA_GROUP) + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaRawDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        return env.fromSource(source, neverHoldsBackEventTime(), "Kafka rules").uid("kafka-rules-source").setParallelism(1);
    }

    /** No published sets: replay runs its static set only. */
    public static DataStream<RawRecord> none(StreamExecutionEnvironment env) {
        // fromData of an empty collection fails at run time in Flink 2.2; one number mapped to nothing does not.
        return env.fromSequence(0, 0).uid("no-rules-source").name("No rule updates")
                .flatMap(new Nothing()).returns(TypeInformation.of(RawRecord.class)).uid("no-rules").name("No rule updates");
    }

    private static final class Nothing implements FlatMapFunction<Long, RawRecord> {
        @Override
        public void flatMap(Long ignored, Collector<RawRecord> out) {}
    }

    /**
     * Rule sets are not telemetry: the broadcast input must neither hold back the hardware functions' event time
     * nor push it (a watermark at the end of time would win whenever telemetry goes idle, and event time never
     * comes back from there). So this input declares itself idle on every periodic emit: it never takes part.
     */
    static <T> WatermarkStrategy<T> neverHoldsBackEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
