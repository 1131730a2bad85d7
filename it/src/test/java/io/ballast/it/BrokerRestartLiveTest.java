package io.ballast.it;

import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.KafkaRecordPublisher;
import io.ballast.collectors.publish.PublisherStats;
import io.ballast.embedded.BrokerSecurity;
import io.ballast.embedded.KafkaBrokerProcess;
import io.ballast.events.BiasUpdate;
import io.ballast.it.kafka.ActionChecks;
import io.ballast.it.kafka.CommittedActions;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.live.LiveJob;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The only Kafka broker is killed with SIGKILL mid-trace and restarted on the same address: the collectors'
 * publisher buffers what arrives meanwhile and resends it, the live job (MiniCluster) resumes, and its committed
 * actions equal a fault-free replay of the same trace: none lost, none duplicated, bias versions contiguous.
 */
class BrokerRestartLiveTest {
    static final SimConfig SIM = SimConfig.defaults();
    /** Timers past the live stream's last watermark fire in replay's final flush only (see TaskManagerKillTest). */
    static final long CUTOFF = SIM.endTs() - Duration.ofSeconds(15).toMillis();

    static Path work;
    static KafkaBrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        work = ItSetup.workDir("broker-restart");
        broker = KafkaBrokerProcess.start(work.resolve("kafka"), BrokerSecurity.plaintext());
        ItSetup.createTopics(broker.adminClientProperties(), broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void brokerKilledMidStreamLosesAndDuplicatesNoAction() throws Exception {
        List<SpecificRecord> trace = new ArrayList<>();
        for (Iterator<SpecificRecord> it = new FleetSimulator(SIM, FaultScript.defaults()).records(); it.hasNext(); ) {
            trace.add(it.next());
        }
        CompletableFuture<List<SpecificRecord>> reference = CompletableFuture.supplyAsync(() -> ReferenceReplay.actions(trace, work));
        JobClient job = startLiveJob(broker.bootstrapServers());

        // Short client timeouts so the outage reaches the collector's own buffer, not just the producer's.
        KafkaPublisherOptions collector = KafkaPublisherOptions.of(broker.bootstrapServers())
                .withClientProperties(Map.of("request.timeout.ms", "2000", "delivery.timeout.ms", "4000", "max.block.ms", "4000"))
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        int half = trace.size() / 2;
        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(collector);
             CommittedActions committed = new CommittedActions(broker.bootstrapServers())) {
            trace.subList(0, half).forEach(publisher::publish);
            await("first half delivered").atMost(Duration.ofMinutes(1)).until(() -> allDelivered(publisher.stats()));
            // Mid-stream: the job reads, keeps state and commits transactions when its only broker dies.
            ActionChecks.awaitEachType("first actions committed", committed, Duration.ofMinutes(2), BiasUpdate.class);

            long killedAt = System.nanoTime();
            broker.kill();
            trace.subList(half, trace.size()).forEach(publisher::publish);
            await("the collector noticed the outage and buffers").atMost(Duration.ofSeconds(30))
                    .until(() -> publisher.stats().inOutage());
            int bufferedDuringOutage = publisher.stats().buffered() + publisher.stats().inFlight();
            broker.restart();
            double outageSeconds = (System.nanoTime() - killedAt) / 1e9;
            await("the buffered second half resent").atMost(Duration.ofMinutes(1)).until(() -> allDelivered(publisher.stats()));
            PublisherStats stats = publisher.stats();
            assertThat(stats.dropped()).as("records the collector dropped").isZero();
            assertThat(stats.rejected()).as("records Kafka refused").isZero();
            assertThat(stats.delivered()).isEqualTo(trace.size());

            List<SpecificRecord> expected = reference.get();
            List<SpecificRecord> expectedByCutoff = expected.stream().filter(a -> ActionChecks.ts(a) <= CUTOFF).toList();
            assertThat(expectedByCutoff.stream().map(a -> a.getClass().getSimpleName()).distinct())
                    .as("the trace must exercise every action type").contains("Drain", "BiasUpdate", "Alert");
            Set<String> wanted = new TreeSet<>(ActionChecks.byKey(expectedByCutoff).keySet());
            ActionChecks.awaitAll("every action of the fault-free replay up to the cutoff", wanted, committed, Duration.ofMinutes(2));

            List<SpecificRecord> live = ActionChecks.assertLiveMatchesReplay(committed.poll(), expected);
            System.out.printf("broker-restart: trace=%d records, outage=%.1f s, buffered by the collector=%d, outages seen=%d, dropped=%d; "
                            + "replay actions=%d (%d up to cutoff), live actions=%d %s%n",
                    trace.size(), outageSeconds, bufferedDuringOutage, stats.outages(), stats.dropped(), expected.size(), expectedByCutoff.size(),
                    live.size(), live.stream().collect(Collectors.groupingBy(a -> a.getClass().getSimpleName(), TreeMap::new, Collectors.counting())));
        } finally {
            job.cancel().get();
        }
    }

    private static boolean allDelivered(PublisherStats stats) {
        return stats.buffered() == 0 && stats.inFlight() == 0 && stats.delivered() + stats.dropped() + stats.rejected() == stats.accepted();
    }

    /** The live job on an in-JVM MiniCluster, reading from the earliest offsets and checkpointing every second. */
    private static JobClient startLiveJob(String bootstrapServers) throws Exception {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, bootstrapServers);
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
        conf.set(BallastOptions.KAFKA_STARTING_OFFSETS, "earliest");
        conf.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, "broker-restart-" + UUID.randomUUID());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        LiveJob.build(env, conf);
        return env.executeAsync("broker restart");
    }
}
