package io.ballast.jobs.decode;

import io.ballast.contract.EventType;
import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;

import io.ballast.jobs.io.AvroRecordTypeInfo;
import io.ballast.jobs.io.NodeMessage;
import org.apache.flink.util.OutputTag;

import org.apache.avro.specific.SpecificRecordBase;

import java.util.EnumMap;
import java.util.Map;

/** The side outputs of the decoder, one per telemetry record kind; shared by the job graph and the tests. */
public final class Telemetry {
    /** GPU and NIC samples go to the node operator as their Avro messages, decoded behind the keyed exchange. */
    public static final OutputTag<NodeMessage> GPU = new OutputTag<>(EventType.GPU_SAMPLE.typeName(), NodeMessage.TYPE);
    public static final OutputTag<Xid> XID = tag(EventType.XID, Xid.class);
    public static final OutputTag<NodeMessage> NIC = new OutputTag<>(EventType.NIC_COUNTERS.typeName(), NodeMessage.TYPE);
    public static final OutputTag<ExpertLoad> EXPERT_LOAD = tag(EventType.EXPERT_LOAD, ExpertLoad.class);
    public static final OutputTag<TrainStep> TRAIN_STEP = tag(EventType.TRAIN_STEP, TrainStep.class);
    public static final OutputTag<SdcCheck> SDC = tag(EventType.SDC_CHECK, SdcCheck.class);
    public static final OutputTag<Checkpoint> CHECKPOINT = tag(EventType.CHECKPOINT, Checkpoint.class);
    public static final OutputTag<JobTopology> TOPOLOGY = tag(EventType.JOB_TOPOLOGY, JobTopology.class);

    private static final Map<EventType, OutputTag<?>> BY_TYPE = new EnumMap<>(EventType.class);

    static {
        for (OutputTag<?> t : new OutputTag<?>[] {GPU, XID, NIC, EXPERT_LOAD, TRAIN_STEP, SDC, CHECKPOINT, TOPOLOGY}) {
            BY_TYPE.put(EventType.byName(t.getId()).orElseThrow(), t);
        }
    }

    private Telemetry() {}

    /** Whether the type goes out as a {@link NodeMessage}. */
    static boolean asNodeMessage(EventType type) {
        return type == EventType.GPU_SAMPLE || type == EventType.NIC_COUNTERS;
    }

    /** The side output for a telemetry type, or null for the pipeline's own output types. */
    @SuppressWarnings("unchecked")
    static OutputTag<Object> of(EventType type) {
        return (OutputTag<Object>) BY_TYPE.get(type);
    }

    private static <T extends SpecificRecordBase> OutputTag<T> tag(EventType type, Class<T> clazz) {
        return new OutputTag<>(type.typeName(), new AvroRecordTypeInfo<>(clazz));
    }
}
