package io.ballast.jobs.live;

import io.ballast.contract.EventType;
import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;
import io.ballast.jobs.BallastPipeline;
import io.ballast.jobs.Outputs;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.hardware.RuleUpdates;
import io.ballast.jobs.io.KafkaRawDeserializer;
import io.ballast.jobs.kafka.KafkaClientProperties;
import io.ballast.jobs.io.RawRecord;
import io.ballast.jobs.sink.AvroKafkaSerializer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.List;

/**
 * The live pipeline: telemetry from Kafka, actions to Kafka through exactly-once sinks (committed on
 * each checkpoint), alerts also to the on-call webhook and everything to InfluxDB when configured.
 * Hardware rules follow the signed rule sets published on {@code ballast.rules}, without a restart.
 * The same graph as replay; only the ends differ.
 */
public final class LiveJob {
    /** Topics the job reads: every telemetry topic of the contract. */
    public static final List<String> INPUT_TOPICS = Arrays.stream(EventType.values())
            .filter(EventType::isTelemetry).map(EventType::topic).distinct().toList();

    private LiveJob() {}

    /** Builds the graph on {@code env}; the caller executes it. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        env.enableCheckpointing(conf.get(BallastOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (env.getConfiguration().getOptional(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER).isEmpty()) {
            // Flink's default (0) restarts the job on any failed checkpoint, e.g. one that timed out on a busy
            // machine; a restart re-reads input and re-applies published rule sets. Three in a row is an incident.
            env.getCheckpointConfig().setTolerableCheckpointFailureNumber(3);
        }
        BallastPipeline.configure(env);
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setProperties(KafkaClientProperties.forTelemetrySource(conf))
                .setBootstrapServers(conf.get(BallastOptions.KAFKA_BOOTSTRAP))
                .setTopics(INPUT_TOPICS)
                .setGroupId(conf.get(BallastOptions.KAFKA_GROUP))
                .setStartingOffsets(startingOffsets(conf.get(BallastOptions.KAFKA_STARTING_OFFSETS)))
                .setDeserializer(new KafkaRawDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        DataStream<RawRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka telemetry").uid("kafka-telemetry-source");
        Outputs outputs = BallastPipeline.build(TelemetryStreams.decode(raw, conf), RuleUpdates.kafka(env, conf), conf);

        String prefix = conf.get(BallastOptions.TRANSACTIONAL_ID_PREFIX);
        outputs.drains().sinkTo(sink(conf, prefix + "-drain", (Drain d) -> d.getNode())).uid("sink-drain").name("Kafka: drains");
        outputs.rollbacks().sinkTo(sink(conf, prefix + "-rollback", (Rollback r) -> r.getJob())).uid("sink-rollback").name("Kafka: rollbacks");
        outputs.biasUpdates().sinkTo(sink(conf, prefix + "-bias", (BiasUpdate b) -> b.getJob() + "/" + b.getLayer())).uid("sink-bias").name("Kafka: bias updates");
        outputs.alerts().sinkTo(sink(conf, prefix + "-alert", (Alert a) -> a.getId())).uid("sink-alert").name("Kafka: alerts");
        // Not chained to the decoder: at every checkpoint an exactly-once writer flushes and starts its next transaction
        // (a round trip to the transaction coordinator), which would stall the source's thread for all telemetry.
        outputs.deadLetters().sinkTo(sink(conf, prefix + "-deadletter", (DeadLetter d) -> d.getSource())).uid("sink-deadletter").name("Kafka: dead letters")
                .disableChaining();
        SideSinks.attach(outputs, conf);
    }

    private static <T extends SpecificRecord> KafkaSink<T> sink(Configuration conf, String transactionalIdPrefix, AvroKafkaSerializer.KeyOf<T> key) {
        return KafkaSink.<T>builder()
                // First, so the exactly-once settings below always win over the file.
                .setKafkaProducerConfig(KafkaClientProperties.from(conf))
                .setBootstrapServers(conf.get(BallastOptions.KAFKA_BOOTSTRAP))
                .setRecordSerializer(new AvroKafkaSerializer<>(key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                // Must stay below the broker's transaction.max.timeout.ms (15 min by default).
                .setProperty("transaction.timeout.ms", "600000")
                .build();
    }

    static OffsetsInitializer startingOffsets(String mode) {
        switch (mode) {
            case "earliest": return OffsetsInitializer.earliest();
            case "latest": return OffsetsInitializer.latest();
            case "committed-or-earliest": return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default: throw new IllegalArgumentException("ballast.kafka.starting-offsets: unknown mode '" + mode + "' (committed-or-earliest, earliest, latest)");
        }
    }

    /** Entry point for {@code flink run}: {@code --config FILE} and {@code --set key=value}. */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobArgs.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, conf);
        env.execute("ballast");
    }
}
