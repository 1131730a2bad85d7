package io.ballast.contract;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Checkpoint;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.JobTopology;
import io.ballast.events.NicCounters;
import io.ballast.events.Rollback;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every record kind of the event contract: its JSON {@code type} name, its Avro class, and the
 * Kafka topic it travels on.
 */
public enum EventType {
    GPU_SAMPLE("gpu_sample", GpuSample.class, GpuSample.getClassSchema(), Topics.TELEMETRY_GPU, true),
    XID("xid", Xid.class, Xid.getClassSchema(), Topics.TELEMETRY_XID, true),
    NIC_COUNTERS("nic_counters", NicCounters.class, NicCounters.getClassSchema(), Topics.TELEMETRY_NIC, true),
    EXPERT_LOAD("expert_load", ExpertLoad.class, ExpertLoad.getClassSchema(), Topics.TELEMETRY_MOE, true),
    TRAIN_STEP("train_step", TrainStep.class, TrainStep.getClassSchema(), Topics.TELEMETRY_TRAIN, true),
    SDC_CHECK("sdc_check", SdcCheck.class, SdcCheck.getClassSchema(), Topics.TELEMETRY_SDC, true),
    CHECKPOINT("checkpoint", Checkpoint.class, Checkpoint.getClassSchema(), Topics.TELEMETRY_CHECKPOINT, true),
    JOB_TOPOLOGY("job_topology", JobTopology.class, JobTopology.getClassSchema(), Topics.TELEMETRY_TOPOLOGY, true),
    BIAS_UPDATE("bias_update", BiasUpdate.class, BiasUpdate.getClassSchema(), Topics.ACTIONS_BIAS, false),
    ROLLBACK("rollback", Rollback.class, Rollback.getClassSchema(), Topics.ACTIONS_ROLLBACK, false),
    DRAIN("drain", Drain.class, Drain.getClassSchema(), Topics.ACTIONS_DRAIN, false),
    ALERT("alert", Alert.class, Alert.getClassSchema(), Topics.ALERTS, false),
    DEAD_LETTER("dead_letter", DeadLetter.class, DeadLetter.getClassSchema(), Topics.DEAD_LETTER, false);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toMap(t -> t.recordClass, Function.identity()));

    private final String typeName;
    private final Class<? extends SpecificRecord> recordClass;
    private final Schema schema;
    private final String topic;
    private final boolean telemetry;

    EventType(String typeName, Class<? extends SpecificRecord> recordClass, Schema schema, String topic, boolean telemetry) {
        this.typeName = typeName;
        this.recordClass = recordClass;
        this.schema = schema;
        this.topic = topic;
        this.telemetry = telemetry;
    }

    /** The snake_case name used in the JSON {@code type} field. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return schema;
    }

    public String topic() {
        return topic;
    }

    /** True for records that flow into the pipeline, false for what it emits. */
    public boolean isTelemetry() {
        return telemetry;
    }

    public static Optional<EventType> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    public static EventType of(SpecificRecord record) {
        EventType type = BY_CLASS.get(record.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a contract record: " + record.getClass().getName());
        }
        return type;
    }
}
