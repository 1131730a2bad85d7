package io.ballast.jobs.hardware;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.events.Alert;
import io.ballast.events.NicCounters;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.live.LiveJob;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.signing.RulesKey;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The done-criterion of rules as data: a signed rule set published to a running {@link LiveJob} (real broker,
 * MiniCluster) changes its decisions within seconds, with no restart and keyed state kept; a forged set is refused.
 */
class RulesHotReloadTest {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final String KEY_TEXT = "hot-reload-test-key-0123456789";
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_760_000_000_000L;

    @TempDir
    Path dir;

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Test
    void aPublishedRuleSetChangesDecisionsWithoutARestartAndAForgedOneIsRefused() throws Exception {
        TopicAdmin.ensureTopics(KAFKA.bootstrapServers());
        Path keyFile = dir.resolve("rules.key");
        Files.writeString(keyFile, KEY_TEXT);
        String builtIn = RuleSet.builtIn().version();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf(keyFile));
        env.setParallelism(1);
        LiveJob.build(env, conf(keyFile));
        JobClient job = env.executeAsync("rules hot reload");
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            // Built-in rules: 10 symbol errors/min is above the 1/min threshold.
            sendRound(producer, "a1", 10, T0 + HOUR);
            Alert first = awaitAlert(consumer, "symbol_errors", "a1");
            assertThat(first.getLabels()).containsEntry("rule_set_version", builtIn)
                    .containsEntry("rule", "Symbol errors above the rate threshold point at a marginal link");

            // Baselines of the ports of round two, taken under the old rules: keyed state the switch must keep.
            sendBaseline(producer, "b1", T0 + 40 * HOUR);
            sendBaseline(producer, "b2", T0 + 40 * HOUR);

            RuleSet raised = raisedSymbolErrorThreshold("raised-1");
            RuleSetPublisher.publish(KAFKA.bootstrapServers(), SignedRuleSet.sign(raised("forged-1"), RulesKey.of("someone-elses-key-0123456789")));
            Alert refused = awaitAlert(consumer, RuleSetGate.REJECTED_ALERT, null);
            assertThat(refused.getLabels()).containsEntry("rule_set_version", "forged-1");
            assertThat(refused.getSummary()).contains("bad signature");

            RuleSetPublisher.publish(KAFKA.bootstrapServers(), SignedRuleSet.sign(raised, RulesKey.of(KEY_TEXT)));
            // Broadcast and telemetry are separate streams: probe with fresh ports until a decision names the new set.
            long[] probe = {1};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                poll(consumer);
                if (alerts.stream().anyMatch(a -> "raised-1".equals(a.getLabels().get("rule_set_version")))) {
                    return true;
                }
                sendRound(producer, "probe-" + probe[0], 500, T0 + 40 * HOUR + probe[0]++ * 10 * MINUTE);
                return false;
            });
            assertThat(probe[0]).as("probes before the switch showed").isLessThan(19);

            // Round two, same telemetry as round one: b1 at 10/min no longer warns, b2 at 150/min does, by the new set.
            // (200 min at 150/min stays below the 16-bit symbol_error counter's saturation.)
            long second = T0 + 40 * HOUR + 200 * MINUTE;
            sendSecondSample(producer, "b1", 10, T0 + 40 * HOUR, second);
            sendSecondSample(producer, "b2", 150, T0 + 40 * HOUR, second);
            producer.send(tick(second + 5 * MINUTE)).get();
            Alert b2 = awaitAlert(consumer, "symbol_errors", "b2");
            assertThat(b2.getLabels()).containsEntry("rule_set_version", "raised-1");
            assertThat(b2.getSummary()).contains("threshold 100.0/min");
            // b1's decision would have come from the same timer as b2's, in the same committed transaction.
            assertThat(find("symbol_errors", "b1")).as("b1's 10/min under the raised threshold").isEmpty();

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    private static RuleSet raised(String version) {
        return raisedSymbolErrorThreshold(version);
    }

    static RuleSet raisedSymbolErrorThreshold(String version) {
        Map<String, String> sources = new TreeMap<>(RuleSet.builtIn().sources());
        String thresholds = sources.get("hardware/thresholds.drl");
        String changed = thresholds.replace("symbolErrorsPerMin : double = 1.0", "symbolErrorsPerMin : double = 100.0");
        assertThat(changed).isNotEqualTo(thresholds);
        sources.put("hardware/thresholds.drl", changed);
        return RuleSet.of(sources, version);
    }

    private Configuration conf(Path keyFile) {
        Configuration c = new Configuration();
        c.set(BallastOptions.KAFKA_BOOTSTRAP, KAFKA.bootstrapServers());
        c.set(BallastOptions.KAFKA_GROUP, "hot-reload");
        c.set(BallastOptions.KAFKA_STARTING_OFFSETS, "earliest");
        c.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, "hot-reload");
        c.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        c.set(BallastOptions.IDLENESS, Duration.ofSeconds(1));
        c.set(BallastOptions.OUT_OF_ORDERNESS, Duration.ofSeconds(1));
        c.set(BallastOptions.NIC_HOLD, Duration.ofSeconds(1));
        c.set(BallastOptions.RULES_KEY_FILE, keyFile.toString());
        return c;
    }

    /** Two samples a minute apart at {@code ratePerMin} symbol errors, then a later sample elsewhere to move event time. */
    private static void sendRound(KafkaProducer<byte[], byte[]> p, String node, long ratePerMin, long ts) throws Exception {
        sendBaseline(p, node, ts);
        sendSecondSample(p, node, ratePerMin, ts, ts + 60_000L);
        p.send(tick(ts + 5 * 60_000L)).get();
    }

    private static void sendBaseline(KafkaProducer<byte[], byte[]> p, String node, long ts) throws Exception {
        p.send(nic(node, 0, ts)).get();
    }

    private static void sendSecondSample(KafkaProducer<byte[], byte[]> p, String node, long ratePerMin, long baselineTs, long ts) throws Exception {
        p.send(nic(node, ratePerMin * ((ts - baselineTs) / 60_000L), ts)).get();
    }

    private static ProducerRecord<byte[], byte[]> tick(long ts) {
        return nic("ticker", 0, ts);
    }

    private static ProducerRecord<byte[], byte[]> nic(String node, long symbolErrors, long ts) {
        NicCounters n = NicCounters.newBuilder().setTs(ts).setNode(node).setDevice("mlx5_3").setPort(1).setPlane(3)
                .setSwitch$("leaf-" + node).setBootId("boot-1").setCounters(Map.of("symbol_error", symbolErrors)).build();
        // One key, so one partition: the tick must not overtake the samples it is meant to follow in event time.
        return new ProducerRecord<>(Topics.TELEMETRY_NIC, "fleet".getBytes(), AvroCodec.encode(n));
    }

    private Alert awaitAlert(KafkaConsumer<byte[], byte[]> consumer, String name, String node) {
        await().alias(name + " on " + node).atMost(Duration.ofSeconds(120)).until(() -> {
            poll(consumer);
            return find(name, node).isPresent();
        });
        return find(name, node).orElseThrow();
    }

    private Optional<Alert> find(String name, String node) {
        return alerts.stream().filter(a -> name.equals(a.getName()) && "firing".equals(a.getStatus()))
                .filter(a -> node == null || node.equals(a.getLabels().get("node"))).findFirst();
    }

    private void poll(KafkaConsumer<byte[], byte[]> consumer) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            alerts.add((Alert) AvroCodec.decode(r.value()));
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "hot-reload-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(Topics.ALERTS));
        return c;
    }
}
