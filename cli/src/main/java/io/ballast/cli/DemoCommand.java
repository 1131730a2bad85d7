package io.ballast.cli;

import io.ballast.embedded.EmbeddedKafka;
import io.ballast.embedded.WebhookReceiver;
import io.ballast.jobs.BallastPipeline;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.hardware.HardwareRules;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.live.LiveJob;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.Pacer;
import io.ballast.sim.SimConfig;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Everything embedded on one machine: an in-process Kafka broker, the Flink MiniCluster running the live job,
 * the fleet simulator with scripted faults, and a local webhook receiver. Prints each action as it happens and
 * ends with a table of the injected faults, when each was detected and what was done.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline embedded (Kafka, Flink MiniCluster, simulator with faults, webhook receiver)",
                "and watch injected faults turn into drains, rollbacks, bias updates and alerts."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "2m", description = "How long the simulated fleet runs (default ${DEFAULT-VALUE}, at least 2m for every fault).")
    Duration duration;

    @Option(names = "--nodes", defaultValue = "16", description = "Nodes of 8 GPUs and 8 NIC planes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--influx", paramLabel = "URL", description = "InfluxDB to write to (default: http://localhost:8086 when it answers).")
    String influx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (duration.compareTo(Duration.ofMinutes(2)) < 0) {
            throw new IllegalArgumentException("--duration must be at least 2m so every scripted fault fits (got " + Durations.format(duration) + ")");
        }
        if (nodes < 16) {
            throw new IllegalArgumentException("--nodes must be at least 16: the scripted leaf-switch fault needs 5 nodes behind one switch");
        }
        PrintWriter out = spec.commandLine().getOut();
        String influxUrl = influx != null ? influx : (answers("http://localhost:8086/ping") ? "http://localhost:8086" : null);
        out.println("Ballast demo: " + nodes + " nodes x 8 GPUs, 2 MoE jobs, the scripted faults over " + Durations.format(duration));
        DemoConsole console;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); WebhookReceiver webhook = WebhookReceiver.start()) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers());
            out.println("  Kafka (in-process KRaft)  " + kafka.bootstrapServers());
            out.println("  Webhook receiver          " + webhook.url("/alerts"));
            out.println("  InfluxDB                  " + (influxUrl != null ? influxUrl : "none (pass --influx URL to write the dashboards' data)"));

            Configuration conf = jobConfig(kafka.bootstrapServers(), webhook.url("/alerts"), influxUrl);
            // The MiniCluster runs in this JVM: compiling the rules here first lets every operator start from the cache.
            HardwareRules.load(conf);
            StreamExecutionEnvironment env = BallastPipeline.environment(conf);
            env.setParallelism(1);
            LiveJob.build(env, conf);
            JobClient job = env.executeAsync("ballast demo");
            awaitRunning(job);
            out.println("  Flink MiniCluster         job " + job.getJobID() + " running");
            out.println();

            long start = System.currentTimeMillis();
            SimConfig config = SimConfig.defaults().withFleet(nodes, 2).withDuration(duration).withSeed(seed).withStartTs(start);
            FleetSimulator sim = new FleetSimulator(config, FaultScript.defaults());
            console = new DemoConsole(out, start, sim.faults());
            webhook.onRequest(console::webhook);
            try (ActionWatcher watcher = ActionWatcher.start(kafka.bootstrapServers(), console, sim);
                 KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers())) {
                new Pacer(1.0).play(sim.records(), sink::write);
                sink.flush();
                // Let event time pass the last faults and the last checkpoint commit the actions they caused.
                watcher.awaitQuiet(Duration.ofSeconds(8), Duration.ofSeconds(30));
            } finally {
                job.cancel().get();
            }
        }
        console.summary();
        return 0;
    }

    static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.currentTimeMillis() > deadline || job.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException("the Flink job did not start: " + job.getJobStatus().get());
            }
            Thread.sleep(100); // polling the job's status; Flink offers no callback for RUNNING
        }
    }

    static Configuration jobConfig(String bootstrap, String webhookUrl, String influxUrl) {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, bootstrap);
        conf.set(BallastOptions.WEBHOOK_URL, webhookUrl);
        // Seconds matter in a two-minute demo: commit actions every second, hold event time back only briefly.
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
        conf.set(BallastOptions.OUT_OF_ORDERNESS, Duration.ofSeconds(2));
        conf.set(BallastOptions.IDLENESS, Duration.ofSeconds(5));
        conf.set(BallastOptions.NIC_HOLD, Duration.ofSeconds(10));
        // A 16-node demo fleet would allow a single drain at the production default of 5%.
        conf.set(BallastOptions.GUARD_MAX_FLEET_FRACTION, 0.25);
        if (influxUrl != null) {
            conf.set(BallastOptions.INFLUX_URL, influxUrl);
        }
        return conf;
    }

    private static boolean answers(String url) {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 204;
        } catch (Exception e) {
            return false;
        }
    }
}
