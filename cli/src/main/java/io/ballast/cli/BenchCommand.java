package io.ballast.cli;

import io.ballast.cli.bench.BenchFleet;
import io.ballast.cli.bench.BenchResult;
import io.ballast.cli.bench.BiasLatencyWatcher;
import io.ballast.cli.bench.DcgmExporter;
import io.ballast.cli.bench.DecodeLimit;
import io.ballast.cli.bench.JobThroughput;
import io.ballast.cli.bench.KafkaOffsets;
import io.ballast.cli.bench.Latencies;
import io.ballast.cli.bench.PacedLoad;
import io.ballast.cli.bench.Passes;
import io.ballast.cli.bench.PrometheusComparison;
import io.ballast.cli.bench.PrometheusStack;
import io.ballast.cli.bench.ProcessStats;
import io.ballast.embedded.EmbeddedKafka;
import io.ballast.embedded.TempDirs;
import io.ballast.embedded.WebhookReceiver;
import io.ballast.jobs.BallastPipeline;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.hardware.HardwareRules;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.live.LiveJob;
import io.ballast.sim.FaultKind;
import io.ballast.sim.EncodedTrace;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Measures the live job end to end on the embedded broker: sustained throughput on pre-produced telemetry beside the
 * consume-and-decode limit, then signal-to-action latency at a paced rate, optionally against Prometheus + Alertmanager.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the live job on the embedded broker: throughput against the consume-and-decode limit,",
                "signal-to-action latency at a paced rate, and (--compare-prometheus) fault-to-webhook against Prometheus + Alertmanager.",
                "The last line is machine-readable: events_per_s=<n> p50_ms=<n> p99_ms=<n> limit_events_per_s=<n> ratio=<x>"})
final class BenchCommand implements Callable<Integer> {
    static final String LOAD_CLUSTER = "bench-load";
    static final String PACED_CLUSTER = "bench-paced";
    /** How far into the paced phase's measured part the application Xid comes. */
    private static final double FAULT_AT = 0.3;
    /** Flink's logger of failed checkpoints: quiet while the bench cancels a job of its own. */
    private static final String CHECKPOINT_FAILURES = "org.apache.flink.runtime.checkpoint.CheckpointFailureManager";

    @Option(names = "--duration", defaultValue = "60s", description = "Length of the paced latency phase (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--paced-warmup", defaultValue = "15s",
            description = "Fleet time played before the paced phase's latencies count: its first report rounds, where every node "
                    + "is new to the job (state created, announced to the drain guard) and the JIT meets the paced fleet's path; "
                    + "their latencies are printed apart (default ${DEFAULT-VALUE}; 0 counts from the first record).")
    Duration pacedWarmup;

    @Option(names = "--rate", defaultValue = "max", paramLabel = "N|max",
            description = "Telemetry events/s of the paced phase; max: the throughput the first phase measured (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--preload", defaultValue = "4000000",
            description = "Telemetry records produced before the job starts, for the throughput phase: at 500,000 events/s, 4,000,000 are measured "
                    + "for 6-8 s; a million gave 2 s windows whose rates swung by a third (default ${DEFAULT-VALUE}).")
    long preload;

    @Option(names = "--warmup", defaultValue = "1000000",
            description = "Records produced before the measured ones: the job and the limit read them first, so both rates are measured "
                    + "once the JIT has compiled their hot paths (default ${DEFAULT-VALUE}; 0 measures from the first checkpoint).")
    long warmup;

    @Option(names = "--warm-passes", defaultValue = "1",
            description = "Unmeasured passes over the pre-produced records before the measured ones, by the limit and by a throwaway job "
                    + "in this JVM, so that both are measured in their steady state, JIT done (default ${DEFAULT-VALUE}; each adds about a minute).")
    int warmPasses;

    @Option(names = "--passes", defaultValue = "3",
            description = "Measured passes of the limit and the job over the pre-produced records, each limit just before its job; "
                    + "the result is the median of each, as one run's limit alone can swing by a factor of two (default ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--preload-nodes", defaultValue = "2000", description = "Nodes of the pre-produced fleet (default ${DEFAULT-VALUE}).")
    int preloadNodes;

    @Option(names = "--checkpoint-interval", defaultValue = "500ms",
            description = "Checkpoint interval: actions are committed, so visible to read_committed consumers, once per checkpoint (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--out-of-orderness", defaultValue = "2s",
            description = "ballast.watermark.out-of-orderness of the job: the paced fleet sends each record as it stamps it, so its records "
                    + "are late by the pacer's lag at most (printed); rules wait this long for event time (default ${DEFAULT-VALUE}, as the demo).")
    Duration outOfOrderness;

    @Option(names = "--parallelism", defaultValue = "1", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--hardware-parallelism", paramLabel = "N",
            description = "Subtasks of the per-node hardware operator, the job's heaviest: it decodes every GPU and NIC sample and keeps their "
                    + "counters (ballast.hardware.parallelism; default: one per core up to 2, ${DEFAULT-VALUE} here; the rest of the job runs at --parallelism).")
    int hardwareParallelism = Math.min(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--compare-prometheus", description = "Also measure fault -> webhook through Prometheus + Alertmanager at their default intervals (adds up to 4 minutes).")
    boolean comparePrometheus;

    /** Where the bench's jobs checkpointed; deleted once they are cancelled. */
    private final List<Path> checkpointDirs = new ArrayList<>();

    /** The paced rate, or empty for max; validated before anything starts. */
    Optional<Double> pacedRate() {
        if ("max".equalsIgnoreCase(rate.trim())) {
            return Optional.empty();
        }
        try {
            double r = Double.parseDouble(rate.trim());
            if (r >= 1 && Double.isFinite(r)) {
                return Optional.of(r);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--rate must be a number of events per second >= 1 or 'max', got '" + rate + "'");
    }

    void validate() {
        pacedRate();
        if (duration.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("--duration must be at least 5s (got " + Durations.format(duration) + ")");
        }
        if (pacedWarmup.isNegative()) {
            throw new IllegalArgumentException("--paced-warmup must not be negative (got " + Durations.format(pacedWarmup) + ")");
        }
        if (preload < 10_000) {
            throw new IllegalArgumentException("--preload must be at least 10000 records, so the job runs past a few checkpoints (got " + preload + ")");
        }
        if (passes < 1) {
            throw new IllegalArgumentException("--passes must be at least 1 (got " + passes + ")");
        }
        if (warmPasses < 0) {
            throw new IllegalArgumentException("--warm-passes must not be negative (got " + warmPasses + ")");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative (got " + warmup + ")");
        }
        if (preloadNodes < BenchFleet.JOBS) {
            throw new IllegalArgumentException("--preload-nodes must be at least " + BenchFleet.JOBS + " (got " + preloadNodes + ")");
        }
        if (checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 100ms (got " + checkpointInterval.toMillis() + "ms)");
        }
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("--out-of-orderness must not be negative (got " + Durations.format(outOfOrderness) + ")");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1 (got " + parallelism + ")");
        }
        if (hardwareParallelism < 1) {
            throw new IllegalArgumentException("--hardware-parallelism must be at least 1 (got " + hardwareParallelism + ")");
        }
        if (comparePrometheus) {
            PrometheusStack.missing().ifPresent(m -> {
                throw new IllegalArgumentException(m);
            });
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintStream out = System.out;
        out.printf("Ballast bench: %d cores, heap max %d MiB, checkpoint interval %d ms, out-of-orderness %d ms, parallelism %d (hardware operator %d)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, checkpointInterval.toMillis(),
                outOfOrderness.toMillis(), parallelism, hardwareParallelism);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); WebhookReceiver webhook = WebhookReceiver.start();
             KafkaOffsets offsets = new KafkaOffsets(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.ensureTopics(bootstrap);
            PrometheusComparison prometheus = comparePrometheus ? PrometheusComparison.start() : null;
            try {
                Map<TopicPartition, Long> ends = preloadTelemetry(out, bootstrap, offsets);
                long total = ends.values().stream().mapToLong(Long::longValue).sum();

                Passes measured = new Passes();
                JobClient job = null;
                String lastLine;
                try {
                    for (int pass = 1 - warmPasses; pass <= passes; pass++) {
                        if (job != null) {
                            stop(job); // before the next limit: an idle job still has threads and timers
                        }
                        // Each measurement starts from a collected heap, so neither pays for the garbage the one before left
                        // (the previous pass's job leaves its whole keyed state behind).
                        System.gc();
                        JobThroughput.Rate limit = DecodeLimit.measure(bootstrap, ends, warmup, Duration.ofMinutes(5));
                        System.gc();
                        String group = "ballast-bench-" + (pass < 1 ? "warm-" : "") + UUID.randomUUID();
                        job = startJob(bootstrap, group, webhook.url(pass < 1 ? "/warm-up" : "/alerts"));
                        try (ProcessStats stats = ProcessStats.start()) {
                            JobThroughput.Rates rates = JobThroughput.await(offsets, group, ends, warmup, drainStall(), Duration.ofMinutes(10));
                            if (pass < 1) {
                                out.printf("warm      pass %d: limit %.0f events/s; job %.0f events/s sustained, %.0f from the first commit%n",
                                        pass + warmPasses, limit.eventsPerSecond(), rates.sustained().eventsPerSecond(), rates.cold().eventsPerSecond());
                                continue;
                            }
                            printPass(out, pass, limit, rates, total, stats);
                            measured.add(limit.eventsPerSecond(), rates.sustained().eventsPerSecond());
                        }
                    }
                    if (passes > 1) {
                        out.printf("passes    %s%n", measured.describe());
                    }
                    double target = pacedRate().orElse(measured.job());
                    Latencies latencies = pacedPhase(out, bootstrap, webhook, prometheus, target);
                    BenchResult result = new BenchResult(measured.job(), latencies.percentile(50), latencies.percentile(99), measured.limit());
                    out.printf("result    %.1f%% of the decode limit; p50 %d ms, p99 %d ms signal-to-action over %d bias updates "
                                    + "after the paced warm-up%n",
                            100 * result.ratio(), result.p50Ms(), result.p99Ms(), latencies.count());
                    if (prometheus != null) {
                        prometheus.report(out);
                    }
                    lastLine = result.lastLine();
                } finally {
                    if (job != null) {
                        stop(job);
                    }
                }
                // After the cancel: Flink logs the checkpoint the cancel interrupted, and the result must stay the last line.
                out.println(lastLine);
            } finally {
                if (prometheus != null) {
                    prometheus.close();
                }
                checkpointDirs.forEach(TempDirs::deleteQuietly);
            }
        }
        return 0;
    }

    /**
     * Cancels a bench job and waits until it has ended, so that its checkpoint files are closed before their directory
     * is deleted (deleting right after the cancel was acknowledged left an empty skeleton behind in one run of five).
     */
    private static void stop(JobClient job) throws Exception {
        // The cancel interrupts a checkpoint, which Flink logs as a failure with its whole stack trace: expected here.
        Level before = LogManager.getLogger(CHECKPOINT_FAILURES).getLevel();
        Configurator.setLevel(CHECKPOINT_FAILURES, Level.ERROR);
        try {
            job.cancel().get();
            try {
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException cancelled) {
                // how a cancelled job's result completes
            }
        } finally {
            Configurator.setLevel(CHECKPOINT_FAILURES, before);
        }
    }

    private void printPass(PrintStream out, int pass, JobThroughput.Rate limit, JobThroughput.Rates rates, long total, ProcessStats stats) {
        String of = passes > 1 ? String.format(Locale.ROOT, " (pass %d of %d)", pass, passes) : "";
        out.printf("limit     consume + Avro decode, one thread, read_committed: %.0f events/s over the %d events after the first %d "
                + "(the job's warm-up), %.1f s%s%n", limit.eventsPerSecond(), limit.records(), warmup, limit.seconds(), of);
        out.printf("throughput job consumed %d pre-produced events (the first %d to warm up): %.0f events/s sustained "
                        + "over %d events in %.1f s (first commit past the warm-up to the last before the source's drain); "
                        + "%.0f events/s from the first commit (cold JIT), %.0f events/s including the drain (%.1f s); %s%s%n",
                total, warmup, rates.sustained().eventsPerSecond(), rates.sustained().records(), rates.sustained().seconds(),
                rates.cold().eventsPerSecond(), rates.withDrain().eventsPerSecond(), rates.withDrain().seconds(), stats.describe(), of);
    }

    private Map<TopicPartition, Long> preloadTelemetry(PrintStream out, String bootstrap, KafkaOffsets offsets) throws Exception {
        SimConfig load = BenchFleet.withCluster(SimConfig.defaults().withFleet(preloadNodes, BenchFleet.JOBS), LOAD_CLUSTER)
                .withStartTs(System.currentTimeMillis() - Duration.ofDays(1).toMillis()).withDuration(Duration.ofDays(1)).withSeed(1);
        long start = System.nanoTime();
        long n = 0;
        try (KafkaTraceSink sink = new KafkaTraceSink(bootstrap)) {
            Iterator<SpecificRecord> records = new FleetSimulator(load, FaultScript.none()).records();
            while (n < warmup + preload && records.hasNext()) {
                sink.write(records.next());
                n++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("preload   %d events of a %d-node fleet (%.0f events/s of event time) produced in %.1f s (%.0f events/s)%n",
                n, preloadNodes, BenchFleet.eventsPerSecond(load), seconds, n / seconds);
        return offsets.endOffsets(LiveJob.INPUT_TOPICS);
    }

    /** The Kafka source's 10 s drain poll, told apart from the job's own commits, which come once per checkpoint. */
    private Duration drainStall() {
        Duration threeCheckpoints = checkpointInterval.multipliedBy(3);
        return threeCheckpoints.compareTo(Duration.ofSeconds(5)) > 0 ? threeCheckpoints : Duration.ofSeconds(5);
    }

    private JobClient startJob(String bootstrap, String group, String webhookUrl) throws Exception {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, bootstrap);
        conf.set(BallastOptions.KAFKA_GROUP, group);
        conf.set(BallastOptions.KAFKA_STARTING_OFFSETS, "earliest");
        conf.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, group);
        conf.set(BallastOptions.WEBHOOK_URL, webhookUrl);
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, checkpointInterval);
        // Event time is real time in the paced phase: hold it back briefly, as the demo does.
        conf.set(BallastOptions.OUT_OF_ORDERNESS, outOfOrderness);
        conf.set(BallastOptions.IDLENESS, Duration.ofSeconds(5));
        conf.set(BallastOptions.HARDWARE_PARALLELISM, hardwareParallelism);
        // A fleet of thousands of nodes has more keyed state than the JobManager's 5 MiB in-memory checkpoint limit.
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        Path checkpoints = Files.createTempDirectory("ballast-bench-checkpoints");
        checkpointDirs.add(checkpoints);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        HardwareRules.load(conf);
        StreamExecutionEnvironment env = BallastPipeline.environment(conf);
        env.setParallelism(parallelism);
        LiveJob.build(env, conf);
        JobClient job = env.executeAsync("ballast bench");
        DemoCommand.awaitRunning(job);
        return job;
    }

    /**
     * Plays a real-time fleet sized for {@code target} events/s with one application Xid, and collects bias-update
     * latencies. The fleet is simulated and encoded ahead into a file, so the paced phase spends its CPU on sending
     * bytes, as a fleet's collectors would on their own machines, not on simulating them beside the job.
     */
    private Latencies pacedPhase(PrintStream out, String bootstrap, WebhookReceiver webhook, PrometheusComparison prometheus, double target)
            throws Exception {
        Duration played = pacedWarmup.plus(duration);
        SimConfig config = BenchFleet.forRate(target, PACED_CLUSTER, System.currentTimeMillis(), played, 7);
        // The fault comes 30% into the measured part, after the warm-up.
        double faultAt = (pacedWarmup.toMillis() + FAULT_AT * duration.toMillis()) / played.toMillis();
        FleetSimulator sim = new FleetSimulator(config, FaultScript.of(FaultScript.ScriptedFault.at(FaultKind.APP_XID, faultAt)));
        String faultNode = sim.faults().get(0).target().split(" ")[0];
        long encodeStart = System.nanoTime();
        try (EncodedTrace trace = EncodedTrace.write(sim.records(), Files.createTempFile("ballast-bench-trace", ".bin"))) {
            out.printf("paced     %d nodes x 8 GPUs, %d MoE jobs: %.0f events/s for %s after a %s warm-up; application Xid on %s at %.0f%% of the measured part; "
                            + "%d events (%d MiB) encoded ahead in %.1f s%n",
                    config.nodes(), config.jobs(), BenchFleet.eventsPerSecond(config), Durations.format(duration), Durations.format(pacedWarmup),
                    faultNode, 100 * FAULT_AT,
                    trace.records(), trace.bytes() >> 20, (System.nanoTime() - encodeStart) / 1e9);
            PacedLoad load = new PacedLoad(faultNode);
            if (prometheus != null) {
                prometheus.watch(faultNode, config.gpusPerNode(), load);
            }
            webhook.onRequest(r -> {
                if (r.body().contains(faultNode)) {
                    load.ballastWebhookAt(r.arrivedAt().toEpochMilli());
                }
            });
            try (ProcessStats stats = ProcessStats.start();
                 BiasLatencyWatcher watcher = new BiasLatencyWatcher(bootstrap, PACED_CLUSTER);
                 KafkaTraceSink sink = new KafkaTraceSink(bootstrap)) {
                load.play(trace, sink, prometheus == null ? null : prometheus.exporter());
                sink.flush();
                load.awaitQuiet(watcher.latencies(), Duration.ofSeconds(3), Duration.ofSeconds(30));
                out.printf("paced     sent %d events at %.0f events/s (pacer fell behind by at most %d ms); %s%n",
                        load.sent(), load.sentPerSecond(), load.maxLagMs(), stats.describe());
                load.awaitBallastWebhook(Duration.ofSeconds(30));
                out.printf("webhook   fault -> Ballast webhook: %s%n", load.ballastWebhookMs() < 0 ? "none within 30 s" : load.ballastWebhookMs() + " ms");
                Latencies all = watcher.latencies();
                long measuredFrom = load.startedAt() + pacedWarmup.toMillis();
                Latencies warm = all.before(measuredFrom);
                out.printf("latency   bias updates of the whole paced phase, warm-up included: p50 %d ms, p99 %d ms over %d; "
                                + "of the warm-up alone: p99 %d ms over %d%n",
                        all.percentile(50), all.percentile(99), all.count(), warm.percentile(99), warm.count());
                return all.from(measuredFrom);
            }
        }
    }
}
