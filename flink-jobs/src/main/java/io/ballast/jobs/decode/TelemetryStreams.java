package io.ballast.jobs.decode;

import io.ballast.events.Checkpoint;
import io.ballast.events.DeadLetter;
import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;
import io.ballast.jobs.time.EventTime;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

import org.apache.avro.specific.SpecificRecord;

/**
 * The decoded telemetry, one event-time stream per record kind, plus the dead letters of the decoder. GPU and NIC samples
 * are {@link NodeMessage}s: the node operator decodes them behind the keyed exchange, and a sample whose body turns out
 * unreadable there becomes a dead letter of the hardware stage.
 */
public record TelemetryStreams(
        DataStream<NodeMessage> gpu,
        DataStream<Xid> xid,
        DataStream<NodeMessage> nic,
        DataStream<ExpertLoad> expertLoad,
        DataStream<TrainStep> trainStep,
        DataStream<SdcCheck> sdc,
        DataStream<Checkpoint> checkpoint,
        DataStream<JobTopology> topology,
        DataStream<DeadLetter> deadLetters) {

    public static TelemetryStreams decode(DataStream<RawRecord> raw, Configuration conf) {
        SingleOutputStreamOperator<DeadLetter> decoded = raw.process(new DecodeFunction(conf.get(BallastOptions.MAX_CLOCK_SKEW))).uid("decode").name("Decode telemetry");
        return new TelemetryStreams(
                samples(decoded, Telemetry.GPU, conf),
                timed(decoded, Telemetry.XID, conf, true),
                samples(decoded, Telemetry.NIC, conf),
                timed(decoded, Telemetry.EXPERT_LOAD, conf, false),
                timed(decoded, Telemetry.TRAIN_STEP, conf, false),
                timed(decoded, Telemetry.SDC, conf, true),
                timed(decoded, Telemetry.CHECKPOINT, conf, true),
                timed(decoded, Telemetry.TOPOLOGY, conf, true),
                decoded);
    }

    private static <T extends SpecificRecord> DataStream<T> timed(SingleOutputStreamOperator<DeadLetter> decoded, OutputTag<T> tag,
                                                                  Configuration conf, boolean sparse) {
        return timed(decoded, tag, EventTime.<T>strategy(conf, sparse));
    }

    private static DataStream<NodeMessage> samples(SingleOutputStreamOperator<DeadLetter> decoded, OutputTag<NodeMessage> tag, Configuration conf) {
        return timed(decoded, tag, EventTime.<NodeMessage>strategy(conf, false, (m, previous) -> m.ts));
    }

    private static <T> DataStream<T> timed(SingleOutputStreamOperator<DeadLetter> decoded, OutputTag<T> tag, WatermarkStrategy<T> strategy) {
        return decoded.getSideOutput(tag)
                .assignTimestampsAndWatermarks(strategy)
                .uid("event-time-" + tag.getId())
                .name("Event time: " + tag.getId());
    }
}
