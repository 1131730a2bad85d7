package io.ballast.jobs.config;

import io.ballast.sinks.webhook.WebhookConfig;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the Ballast jobs, typed, with its default and why. Set them with
 * {@code --set key=value} on the CLI, in a properties file ({@code --config FILE}), or as
 * {@code -Dkey=value} dynamic properties on a cluster. Detector thresholds live in the rules.
 */
public final class BallastOptions {
    public static final ConfigOption<String> CLUSTER = ConfigOptions.key("ballast.cluster").stringType().defaultValue("default")
            .withDescription("Cluster name for records that carry none.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("ballast.watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How late a record may arrive and still be in order; collectors sample every few seconds.");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("ballast.watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A silent source partition stops holding back event time after this long.");
    public static final ConfigOption<Duration> MAX_CLOCK_SKEW = ConfigOptions.key("ballast.max-clock-skew")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("A live record whose ts is further ahead of the job's clock is a dead letter: one collector "
                    + "with a wrong clock would otherwise push event time ahead for everyone. 0 turns the check off.");
    public static final ConfigOption<Duration> SPARSE_IDLENESS = ConfigOptions.key("ballast.watermark.sparse-idleness")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("The same for the sparse kinds (xid, sdc_check, checkpoint, job_topology): they report events, "
                    + "not samples, and an Xid must not wait for the next one. Never longer than ballast.watermark.idleness.");

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = ConfigOptions.key("ballast.kafka.bootstrap").stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers for telemetry in and actions out.");
    public static final ConfigOption<String> KAFKA_GROUP = ConfigOptions.key("ballast.kafka.group").stringType().defaultValue("ballast-jobs")
            .withDescription("Consumer group of the jobs.");
    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS = ConfigOptions.key("ballast.kafka.starting-offsets").stringType()
            .defaultValue("committed-or-earliest")
            .withDescription("committed-or-earliest, earliest or latest.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("ballast.kafka.transactional-id-prefix").stringType()
            .defaultValue("ballast")
            .withDescription("Prefix of the exactly-once sinks' transactional ids; unique per job deployment.");
    public static final ConfigOption<String> KAFKA_PROPERTIES_FILE = ConfigOptions.key("ballast.kafka.properties-file").stringType().noDefaultValue()
            .withDescription("Kafka client properties (security.protocol, sasl.*, ssl.*) for the source and every sink; secrets live in this file, never on the command line. "
                    + "The telemetry source fetches max.poll.records=2000, max.partition.fetch.bytes=8388608 and fetch.max.bytes=67108864 unless this file sets them.");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("ballast.checkpoint.interval").durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("Actions are committed to Kafka on each checkpoint: this bounds action latency for read_committed consumers.");

    public static final ConfigOption<String> INFLUX_URL = ConfigOptions.key("ballast.influx.url").stringType().noDefaultValue()
            .withDescription("InfluxDB 1.x URL; no InfluxDB output when unset.");
    public static final ConfigOption<String> INFLUX_DATABASE = ConfigOptions.key("ballast.influx.database").stringType().defaultValue("ballast")
            .withDescription("InfluxDB database.");

    public static final ConfigOption<String> WEBHOOK_URL = ConfigOptions.key("ballast.webhook.url").stringType().noDefaultValue()
            .withDescription("On-call webhook for alerts; none when unset.");
    public static final ConfigOption<String> WEBHOOK_FORMAT = ConfigOptions.key("ballast.webhook.format").stringType().defaultValue("alertmanager")
            .withDescription("alertmanager (version 4), slack or pagerduty.");
    public static final ConfigOption<Duration> WEBHOOK_GROUP_WAIT = ConfigOptions.key("ballast.webhook.group-wait")
            .durationType().defaultValue(WebhookConfig.DEFAULT_GROUP_WAIT)
            .withDescription("Alerts reaching the notifier within this long of the first go out in one notification; the alerts of "
                    + "one incident leave the router within milliseconds of each other, so this only has to cover that.");
    public static final ConfigOption<String> WEBHOOK_SECRET_FILE = ConfigOptions.key("ballast.webhook.secret-file").stringType().noDefaultValue()
            .withDescription("File holding the HMAC secret (or PagerDuty routing key); secrets never go on the command line. Env BALLAST_WEBHOOK_SECRET also works.");

    public static final ConfigOption<String> RULES_DIR = ConfigOptions.key("ballast.rules.dir").stringType().noDefaultValue()
            .withDescription("Directory of .drl rule files; the built-in rule set when unset.");
    public static final ConfigOption<String> RULES_KEY_FILE = ConfigOptions.key("ballast.rules.key-file").stringType().noDefaultValue()
            .withDescription("File holding the HMAC key published rule sets must be signed with; env BALLAST_RULES_KEY also works. Without a key every published set is rejected.");

    public static final ConfigOption<Integer> MAX_LINE_BYTES = ConfigOptions.key("ballast.replay.max-line-bytes").intType()
            .defaultValue(16 << 20)
            .withDescription("Longer JSON lines are dead-lettered instead of read into memory.");

    public static final ConfigOption<Double> MOE_UPDATE_RATE = ConfigOptions.key("ballast.moe.update-rate").doubleType().defaultValue(0.001)
            .withDescription("Bias update speed u when a job's topology sets none (LFB's best value at 1B scale, DeepSeek-V3's gamma).");
    public static final ConfigOption<Long> MOE_FREEZE_FROM_STEP = ConfigOptions.key("ballast.moe.freeze-from-step").longType().noDefaultValue()
            .withDescription("From this step on u = 0 and the bias is published unchanged (DeepSeek-V3 froze it for its last 500B tokens).");
    public static final ConfigOption<Duration> MOE_AGGREGATION_TIMEOUT = ConfigOptions.key("ballast.moe.aggregation-timeout").durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Event-time wait for every rank's expert_load of a step; an incomplete step never moves the bias.");

    public static final ConfigOption<Duration> HARDWARE_WINDOW = ConfigOptions.key("ballast.hardware.window").durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("How long a node's notable facts (Xids, ECC, rates) stay together for rules to correlate, and the Xid recurrence window.");
    public static final ConfigOption<Integer> HARDWARE_PARALLELISM = ConfigOptions.key("ballast.hardware.parallelism").intType().noDefaultValue()
            .withDescription("Subtasks of the per-node hardware operator, the job's heaviest (it decodes every GPU and NIC sample and keeps their "
                    + "counters); unset, the job's parallelism.");
    public static final ConfigOption<Duration> NIC_CORRELATION_WINDOW = ConfigOptions.key("ballast.nic.correlation-window").durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("NIC errors on nodes behind one leaf switch within this window are one switch incident.");
    public static final ConfigOption<Integer> NIC_SWITCH_NODES = ConfigOptions.key("ballast.nic.switch-incident-nodes").intType().defaultValue(4)
            .withDescription("Nodes behind one leaf switch on one plane that make a switch incident (domain.md 4.5, k).");
    public static final ConfigOption<Duration> NIC_HOLD = ConfigOptions.key("ballast.nic.port-alert-hold").durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Port-level NIC warnings wait this long (event time) to see whether a switch incident explains them.");
    public static final ConfigOption<Integer> GUARD_MAX_DRAINS = ConfigOptions.key("ballast.guard.max-drains-per-window").intType().defaultValue(3)
            .withDescription("Blast-radius guard: drains allowed per sliding window and cluster.");
    public static final ConfigOption<Duration> GUARD_WINDOW = ConfigOptions.key("ballast.guard.window").durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Blast-radius guard: the sliding window of max-drains-per-window.");
    public static final ConfigOption<Double> GUARD_MAX_FLEET_FRACTION = ConfigOptions.key("ballast.guard.max-fleet-fraction").doubleType().defaultValue(0.05)
            .withDescription("Blast-radius guard: most of the fleet drained at once (at least one node is always allowed).");
    public static final ConfigOption<Duration> GUARD_HOLD = ConfigOptions.key("ballast.guard.drain-hold").durationType().defaultValue(Duration.ofHours(6))
            .withDescription("How long a drain counts as active against the fleet fraction (until the node is serviced).");
    public static final ConfigOption<Integer> GUARD_FLEET_SIZE = ConfigOptions.key("ballast.guard.fleet-size").intType().defaultValue(0)
            .withDescription("Nodes in the fleet; 0 learns it from the nodes that report GPU telemetry: a node counts from its first "
                    + "`gpu_sample` or `xid` until its hardware state expires, a day after it last reported.");
    public static final ConfigOption<Duration> ALERT_RESOLVE_AFTER = ConfigOptions.key("ballast.alerts.resolve-after").durationType()
            .defaultValue(Duration.ofMinutes(15))
            .withDescription("A rule alert resolves once its condition has not been seen for this long.");

    public static final ConfigOption<Duration> ROLLBACK_COOLDOWN = ConfigOptions.key("ballast.stability.rollback-cooldown").durationType()
            .defaultValue(Duration.ofMinutes(30))
            .withDescription("After a rollback, no new one for the job until the trainer restarts from it or this long passed: no storm while the loss is still high.");

    /** All options, for --help and for the unique-key test. */
    public static final List<ConfigOption<?>> ALL = List.of(CLUSTER, OUT_OF_ORDERNESS, IDLENESS, SPARSE_IDLENESS, MAX_CLOCK_SKEW, KAFKA_BOOTSTRAP, KAFKA_GROUP,
            KAFKA_STARTING_OFFSETS, TRANSACTIONAL_ID_PREFIX, KAFKA_PROPERTIES_FILE, CHECKPOINT_INTERVAL, INFLUX_URL, INFLUX_DATABASE, WEBHOOK_URL,
            WEBHOOK_FORMAT, WEBHOOK_GROUP_WAIT, WEBHOOK_SECRET_FILE, RULES_DIR, RULES_KEY_FILE, MAX_LINE_BYTES, MOE_UPDATE_RATE, MOE_FREEZE_FROM_STEP, MOE_AGGREGATION_TIMEOUT,
            HARDWARE_WINDOW, HARDWARE_PARALLELISM, NIC_CORRELATION_WINDOW, NIC_SWITCH_NODES, NIC_HOLD, GUARD_MAX_DRAINS, GUARD_WINDOW, GUARD_MAX_FLEET_FRACTION,
            GUARD_HOLD, GUARD_FLEET_SIZE, ALERT_RESOLVE_AFTER, ROLLBACK_COOLDOWN);

    private BallastOptions() {}
}
