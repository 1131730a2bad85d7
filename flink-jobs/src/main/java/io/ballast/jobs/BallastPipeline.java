package io.ballast.jobs;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.guard.GuardStage;
import io.ballast.jobs.hardware.HardwareStage;
import io.ballast.jobs.moe.MoeStage;
import io.ballast.jobs.stability.StabilityStage;

import org.apache.flink.configuration.Configuration;

/**
 * The whole detection graph, from decoded telemetry to actions; the same for live, demo and replay.
 * Hardware findings feed the stability stage as evidence; every drain of every stage passes one guard.
 */
public final class BallastPipeline {
    private BallastPipeline() {}

    public static Outputs build(TelemetryStreams in, Configuration conf) {
        HardwareStage hardware = HardwareStage.build(in, conf);
        StabilityStage stability = StabilityStage.build(in, hardware.evidence, Configs.stability(conf), conf.get(BallastOptions.ROLLBACK_COOLDOWN));
        MoeStage moe = MoeStage.build(in, hardware.decisions, conf);
        GuardStage guard = GuardStage.build(hardware.decisions.union(stability.drainCandidates), hardware.nodesSeen, conf);
        return new Outputs(
                guard.drains,
                stability.rollbacks,
                moe.biasUpdates,
                guard.alerts.union(stability.alerts, moe.alerts),
                in.deadLetters(),
                moe.metrics.union(stability.metrics, hardware.metrics),
                in);
    }
}
