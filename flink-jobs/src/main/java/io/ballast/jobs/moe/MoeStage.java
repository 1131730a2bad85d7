package io.ballast.jobs.moe;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.DegradedGpu;
import io.ballast.logic.moe.HostPenalties;
import io.ballast.logic.moe.MoeConfig;
import io.ballast.rules.Decision;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/** MoE balance: cross-rank aggregation per (job, step, layer), then the bias controller per job, steered off degraded GPUs. */
public final class MoeStage {
    public final DataStream<BiasUpdate> biasUpdates;
    public final DataStream<Alert> alerts;
    public final DataStream<Metric> metrics;

    private MoeStage(DataStream<BiasUpdate> biasUpdates, DataStream<Alert> alerts, DataStream<Metric> metrics) {
        this.biasUpdates = biasUpdates;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /**
     * @param hardwareDecisions the hardware stage's findings; those about a GPU or a pending drain become offsets
     *                          on the experts that GPU hosts
     */
    public static MoeStage build(TelemetryStreams in, DataStream<Decision> hardwareDecisions, Configuration conf) {
        MoeConfig config = Configs.moe(conf);
        SingleOutputStreamOperator<StepLoads> steps = in.expertLoad()
                .keyBy(l -> Configs.cluster(l.getCluster()) + "/" + l.getJob() + "/" + l.getStep() + "/" + l.getLayer())
                .process(new StepAggregateFunction(config))
                .uid("moe-step-aggregate").name("MoE: sum ranks per step");
        DataStream<JobInput> jobInputs = steps.map(JobInput::of).name("MoE: step loads")
                .union(in.topology().map(t -> JobInput.of(JobPlacement.of(t))).name("MoE: expert placement"));
        BroadcastStream<DegradedGpu> degraded = hardwareDecisions
                .flatMap((Decision d, Collector<DegradedGpu> out) ->
                        HostPenalties.fromDecision(d, Configs.cluster(d.getCluster())).ifPresent(out::collect))
                .returns(DegradedGpu.class).name("MoE: degraded GPUs")
                .broadcast(BiasFunction.DEGRADED);
        SingleOutputStreamOperator<BiasUpdate> bias = jobInputs
                .keyBy(JobInput::key)
                .connect(degraded)
                .process(new BiasFunction(config))
                .uid("moe-bias-controller").name("MoE: loss-free bias controller");
        return new MoeStage(bias, bias.getSideOutput(BiasFunction.ALERTS),
                bias.getSideOutput(BiasFunction.METRICS).union(steps.getSideOutput(StepAggregateFunction.INCOMPLETE)));
    }
}
