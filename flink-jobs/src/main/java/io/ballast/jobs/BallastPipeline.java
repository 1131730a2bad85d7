package io.ballast.jobs;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;
import io.ballast.events.Xid;
import io.ballast.events.TrainStep;
import io.ballast.events.ExpertLoad;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.moe.MoeStage;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;

/** The whole detection graph, from decoded telemetry to actions; the same for live, demo and replay. */
public final class BallastPipeline {
    private BallastPipeline() {}

    public static Outputs build(TelemetryStreams in, Configuration conf) {
        MoeStage moe = MoeStage.build(in, conf);
        return new Outputs(
                in.xid().flatMap(new Nothing<Xid, Drain>()).returns(Drain.class),
                in.trainStep().flatMap(new Nothing<TrainStep, Rollback>()).returns(Rollback.class),
                moe.biasUpdates,
                moe.alerts,
                in.deadLetters(),
                moe.metrics);
    }

    static final class Nothing<I, O> implements FlatMapFunction<I, O> {
        @Override
        public void flatMap(I value, Collector<O> out) {}
    }
}
