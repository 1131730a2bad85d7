package io.ballast.jobs;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.guard.GuardStage;
import io.ballast.jobs.hardware.HardwareStage;
import io.ballast.jobs.hardware.RuleUpdates;
import io.ballast.jobs.io.RawRecord;
import io.ballast.jobs.moe.MoeStage;
import io.ballast.jobs.stability.StabilityStage;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole detection graph, from decoded telemetry to actions; the same for live, demo and replay.
 * Hardware findings feed the stability stage as evidence; every drain of every stage passes one guard.
 */
public final class BallastPipeline {
    /** Network buffer size of in-process runs ({@link #environment}). */
    public static final MemorySize SEGMENT_SIZE = MemorySize.parse("128kb");
    /** Network memory of in-process runs that size neither it nor the buffers. */
    public static final MemorySize NETWORK_MEMORY = MemorySize.parse("128mb");

    private BallastPipeline() {}

    /**
     * Execution settings every run of the pipeline shares. Object reuse: no function keeps or changes a record it
     * was handed, so chained operators need not deep-copy each Avro record (the decoder's side outputs did).
     */
    public static void configure(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }

    /**
     * The environment of a run, {@code conf} applied. An in-process cluster also gets network buffers of
     * {@link #SEGMENT_SIZE} unless {@code conf} sizes them (a cluster's TaskManagers keep their own): telemetry records
     * are a few hundred bytes, and while the node operator holds the source back, every buffer it hands back wakes the
     * source; Flink's 32 KiB made that 5,000 wake-ups a second at 400,000 records/s, and cost the job a sixth of its rate.
     * Network memory grows with them ({@link #NETWORK_MEMORY} instead of 64 MiB) unless set, so that a keyed exchange
     * between several subtasks still gets its buffers: 1,024 of them, half the count at 32 KiB.
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration c = new Configuration(conf);
        if (!c.contains(TaskManagerOptions.MEMORY_SEGMENT_SIZE)) {
            c.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, SEGMENT_SIZE);
            if (!c.contains(TaskManagerOptions.NETWORK_MEMORY_MIN) && !c.contains(TaskManagerOptions.NETWORK_MEMORY_MAX)) {
                c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK_MEMORY);
                c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK_MEMORY);
            }
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(c);
    }

    /** The graph with the static rule set only (replay). */
    public static Outputs build(TelemetryStreams in, Configuration conf) {
        return build(in, RuleUpdates.none(in.gpu().getExecutionEnvironment()), conf);
    }

    /** The graph whose hardware rules follow the published rule sets in {@code ruleUpdates} (live). */
    public static Outputs build(TelemetryStreams in, DataStream<RawRecord> ruleUpdates, Configuration conf) {
        HardwareStage hardware = HardwareStage.build(in, ruleUpdates, conf);
        StabilityStage stability = StabilityStage.build(in, hardware.evidence, Configs.stability(conf), conf.get(BallastOptions.ROLLBACK_COOLDOWN));
        MoeStage moe = MoeStage.build(in, hardware.decisions, conf);
        GuardStage guard = GuardStage.build(hardware.decisions, stability.drainCandidates, hardware.nodePresence, conf);
        return new Outputs(
                guard.drains,
                stability.rollbacks,
                moe.biasUpdates,
                guard.alerts.union(stability.alerts, moe.alerts, hardware.ruleSetRejections),
                in.deadLetters().union(hardware.deadLetters),
                moe.metrics.union(stability.metrics, hardware.metrics),
                in);
    }
}
