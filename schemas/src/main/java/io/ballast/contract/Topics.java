package io.ballast.contract;

import java.time.Duration;
import java.util.List;

/** The Kafka topics of the pipeline, with the partitions, retention and cleanup policy the app creates them with. */
public final class Topics {
    public static final String TELEMETRY_GPU = "ballast.telemetry.gpu";
    public static final String TELEMETRY_XID = "ballast.telemetry.xid";
    public static final String TELEMETRY_NIC = "ballast.telemetry.nic";
    public static final String TELEMETRY_MOE = "ballast.telemetry.moe";
    public static final String TELEMETRY_TRAIN = "ballast.telemetry.train";
    public static final String TELEMETRY_SDC = "ballast.telemetry.sdc";
    public static final String TELEMETRY_CHECKPOINT = "ballast.telemetry.checkpoint";
    public static final String TELEMETRY_TOPOLOGY = "ballast.telemetry.topology";
    public static final String ACTIONS_BIAS = "ballast.actions.bias";
    public static final String ACTIONS_ROLLBACK = "ballast.actions.rollback";
    public static final String ACTIONS_DRAIN = "ballast.actions.drain";
    public static final String ALERTS = "ballast.alerts";
    public static final String DEAD_LETTER = "ballast.deadletter";
    public static final String RULES = "ballast.rules";

    private static final Duration DAY = Duration.ofDays(1);

    /**
     * The topic set. High-rate telemetry gets more partitions and short retention; actions are kept
     * long enough to audit; the bias and topology topics are compacted so a restarted consumer reads
     * the latest value per key; the rules topic is compacted and kept forever (it is the rule history).
     */
    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.deleting(TELEMETRY_GPU, 12, DAY.multipliedBy(3)),
            TopicSpec.deleting(TELEMETRY_XID, 3, DAY.multipliedBy(30)),
            TopicSpec.deleting(TELEMETRY_NIC, 12, DAY.multipliedBy(3)),
            TopicSpec.deleting(TELEMETRY_MOE, 12, DAY.multipliedBy(3)),
            TopicSpec.deleting(TELEMETRY_TRAIN, 3, DAY.multipliedBy(30)),
            TopicSpec.deleting(TELEMETRY_SDC, 3, DAY.multipliedBy(30)),
            TopicSpec.deleting(TELEMETRY_CHECKPOINT, 3, DAY.multipliedBy(30)),
            TopicSpec.compacted(TELEMETRY_TOPOLOGY, 3),
            TopicSpec.compacted(ACTIONS_BIAS, 6),
            TopicSpec.deleting(ACTIONS_ROLLBACK, 3, DAY.multipliedBy(90)),
            TopicSpec.deleting(ACTIONS_DRAIN, 3, DAY.multipliedBy(90)),
            TopicSpec.deleting(ALERTS, 3, DAY.multipliedBy(30)),
            TopicSpec.deleting(DEAD_LETTER, 3, DAY.multipliedBy(7)),
            TopicSpec.compacted(RULES, 1));

    private Topics() {}

    /** How one topic is created. {@code retention} is null for compacted topics (kept forever per key). */
    public record TopicSpec(String name, int partitions, String cleanupPolicy, Duration retention) {
        static TopicSpec deleting(String name, int partitions, Duration retention) {
            return new TopicSpec(name, partitions, "delete", retention);
        }

        static TopicSpec compacted(String name, int partitions) {
            return new TopicSpec(name, partitions, "compact", null);
        }
    }
}
