package io.ballast.it;

import io.ballast.embedded.EmbeddedKafka;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.it.cluster.FlinkProcessCluster;
import io.ballast.it.kafka.ActionChecks;
import io.ballast.it.kafka.CommittedActions;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live job on a real multi-process Flink cluster against a real broker: the TaskManager is killed with
 * SIGKILL mid-trace and a new one started; the restored job's committed actions must equal a fault-free
 * replay of the same trace: none lost, none duplicated, bias versions contiguous per (job, layer).
 */
class TaskManagerKillTest {
    /** Three simulated minutes with every scripted fault: drains, a rollback, bias updates, alerts. */
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofMinutes(3));
    /**
     * Actions up to here must all appear. A live stream never ends, so timers past its last watermark (alerts that
     * resolve 15 min later, the last aggregation timeouts) fire in replay's final flush only.
     */
    static final long CUTOFF = SIM.endTs() - Duration.ofSeconds(15).toMillis();

    static EmbeddedKafka kafka;
    static FlinkProcessCluster cluster;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = ItSetup.workDir("tm-kill");
        kafka = EmbeddedKafka.start();
        ItSetup.createTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), kafka.bootstrapServers());
        cluster = FlinkProcessCluster.start(work, Path.of(System.getProperty("ballast.it.cluster-classpath")),
                System.getProperty("ballast.it.jvm-opens"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void killedTaskManagerLosesAndDuplicatesNoAction() throws Exception {
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.defaults());
        List<SpecificRecord> trace = new ArrayList<>();
        for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
            trace.add(it.next());
        }
        // The fault-free reference runs in this JVM while the cluster starts and works: the machine has 2 cores.
        CompletableFuture<List<SpecificRecord>> reference = CompletableFuture.supplyAsync(() -> ReferenceReplay.actions(trace, work));

        Process firstTm = cluster.startTaskManager();
        await("TaskManager registered").atMost(FlinkProcessCluster.STARTUP).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.rest().taskManagers() == 1);
        Path jar = Path.of(System.getProperty("ballast.it.job-jar"));
        assertThat(jar).as("the shaded job jar (built by `mvn package` of flink-jobs)").exists();
        String jobId = cluster.submit(jar, List.of(
                "--set", "ballast.kafka.bootstrap=" + kafka.bootstrapServers(),
                "--set", "ballast.checkpoint.interval=1s",
                "--set", "ballast.kafka.starting-offsets=earliest",
                "--set", "ballast.kafka.transactional-id-prefix=it-" + UUID.randomUUID()));

        int half = trace.size() / 2;
        try (KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers());
             CommittedActions committed = new CommittedActions(kafka.bootstrapServers())) {
            trace.subList(0, half).forEach(sink::write);
            sink.flush();
            // Mid-stream: actions of the first half are committed, so the job has state and checkpoints worth restoring.
            ActionChecks.awaitEachType("first actions committed", committed, Duration.ofMinutes(3), Drain.class, BiasUpdate.class);
            long checkpointsBeforeKill = cluster.rest().completedCheckpoints(jobId);
            FlinkProcessCluster.killHard(firstTm);

            trace.subList(half, trace.size()).forEach(sink::write);
            sink.flush();
            cluster.startTaskManager();

            List<SpecificRecord> expected = reference.get();
            List<SpecificRecord> expectedByCutoff = expected.stream().filter(a -> ActionChecks.ts(a) <= CUTOFF).toList();
            assertThat(expectedByCutoff.stream().map(a -> a.getClass().getSimpleName()).distinct())
                    .as("the trace must exercise every action type").contains("Drain", "Rollback", "BiasUpdate", "Alert");
            assertThat(ActionChecks.duplicates(expected)).as("the fault-free run emits each action once").isEmpty();
            Set<String> wanted = new TreeSet<>(ActionChecks.byKey(expectedByCutoff).keySet());
            ActionChecks.awaitAll("every action of the fault-free replay up to the cutoff", wanted, committed, Duration.ofMinutes(3));
            assertThat(cluster.rest().restoredCheckpoint(jobId)).as("the job restored from a checkpoint").isPositive();
            assertThat(checkpointsBeforeKill).isPositive();

            List<SpecificRecord> live = ActionChecks.assertLiveMatchesReplay(committed.poll(), expected);
            System.out.printf("tm-kill: trace=%d records, replay actions=%d (%d up to cutoff), live actions=%d %s, checkpoints before kill=%d, restored from=%d%n",
                    trace.size(), expected.size(), expectedByCutoff.size(), live.size(),
                    live.stream().collect(java.util.stream.Collectors.groupingBy(a -> a.getClass().getSimpleName(), java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                    checkpointsBeforeKill, cluster.rest().restoredCheckpoint(jobId));
        } finally {
            cluster.rest().cancel(jobId);
        }
    }
}
