package io.ballast.jobs.stability;

import io.ballast.events.Alert;
import io.ballast.events.Rollback;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.Decision;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Training stability: SDC checks per node, spikes, checkpoints and rollbacks per job, hardware evidence broadcast between them. */
public final class StabilityStage {
    public final DataStream<Rollback> rollbacks;
    public final DataStream<Alert> alerts;
    public final DataStream<Decision> drainCandidates;
    public final DataStream<Metric> metrics;

    private StabilityStage(DataStream<Rollback> rollbacks, DataStream<Alert> alerts, DataStream<Decision> drainCandidates, DataStream<Metric> metrics) {
        this.rollbacks = rollbacks;
        this.alerts = alerts;
        this.drainCandidates = drainCandidates;
        this.metrics = metrics;
    }

    /** @param hardwareEvidence drain-worthy hardware findings per node, from the hardware stage */
    public static StabilityStage build(TelemetryStreams in, DataStream<NodeEvidence> hardwareEvidence, StabilityConfig config,
                                       java.time.Duration rollbackCooldown) {
        SingleOutputStreamOperator<Decision> sdc = in.sdc()
                .keyBy(c -> Configs.cluster(c.getCluster()) + "/" + c.getNode())
                .process(new SdcFunction(config))
                .uid("stability-sdc").name("Stability: SDC checks per node");
        DataStream<NodeEvidence> evidence = sdc.getSideOutput(SdcFunction.EVIDENCE).union(hardwareEvidence);
        DataStream<JobSignal> signals = in.trainStep().map(s -> JobSignal.of(s)).name("Job signal: step")
                .union(in.checkpoint().map(c -> JobSignal.of(c)).name("Job signal: checkpoint"),
                        in.topology().map(t -> JobSignal.of(t)).name("Job signal: topology"));
        SingleOutputStreamOperator<Rollback> rollbacks = signals
                .keyBy(s -> key(s))
                .connect(evidence.broadcast(StabilityFunction.EVIDENCE))
                .process(new StabilityFunction(config, rollbackCooldown))
                .uid("stability-rollback").name("Stability: spikes, checkpoints, rollbacks");
        return new StabilityStage(rollbacks,
                rollbacks.getSideOutput(StabilityFunction.ALERTS).union(sdc.getSideOutput(SdcFunction.ALERTS)),
                rollbacks.getSideOutput(StabilityFunction.DRAIN_CANDIDATES).union(sdc),
                rollbacks.getSideOutput(StabilityFunction.METRICS));
    }

    static String key(JobSignal s) {
        if (s.trainStep != null) {
            return Configs.cluster(s.trainStep.getCluster()) + "/" + s.trainStep.getJob();
        }
        if (s.checkpoint != null) {
            return Configs.cluster(s.checkpoint.getCluster()) + "/" + s.checkpoint.getJob();
        }
        return Configs.cluster(s.topology.getCluster()) + "/" + s.topology.getJob();
    }
}
