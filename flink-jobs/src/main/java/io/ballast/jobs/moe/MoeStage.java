package io.ballast.jobs.moe;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.MoeConfig;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** MoE balance: cross-rank aggregation per (job, step, layer), then the bias controller per job. */
public final class MoeStage {
    public final DataStream<BiasUpdate> biasUpdates;
    public final DataStream<Alert> alerts;
    public final DataStream<Metric> metrics;

    private MoeStage(DataStream<BiasUpdate> biasUpdates, DataStream<Alert> alerts, DataStream<Metric> metrics) {
        this.biasUpdates = biasUpdates;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    public static MoeStage build(TelemetryStreams in, Configuration conf) {
        MoeConfig config = Configs.moe(conf);
        SingleOutputStreamOperator<StepLoads> steps = in.expertLoad()
                .keyBy(l -> Configs.cluster(l.getCluster()) + "/" + l.getJob() + "/" + l.getStep() + "/" + l.getLayer())
                .process(new StepAggregateFunction(config))
                .uid("moe-step-aggregate").name("MoE: sum ranks per step");
        SingleOutputStreamOperator<BiasUpdate> bias = steps
                .keyBy(s -> s.cluster + "/" + s.job)
                .connect(in.topology().keyBy(t -> Configs.cluster(t.getCluster()) + "/" + t.getJob()))
                .process(new BiasFunction(config))
                .uid("moe-bias-controller").name("MoE: loss-free bias controller");
        return new MoeStage(bias, bias.getSideOutput(BiasFunction.ALERTS),
                bias.getSideOutput(BiasFunction.METRICS).union(steps.getSideOutput(StepAggregateFunction.INCOMPLETE)));
    }
}
