package io.ballast.jobs.reliability;

import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.KafkaRecordPublisher;
import io.ballast.contract.Topics;
import io.ballast.embedded.BrokerSecurity;
import io.ballast.embedded.BrokerSecurity.ScramUser;
import io.ballast.embedded.KafkaBrokerProcess;
import io.ballast.embedded.SelfSignedTls;
import io.ballast.events.Drain;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.SimConfig;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A broker whose client listener is SASL_SSL with SCRAM-SHA-512 (child-JVM broker, users preloaded at format time,
 * certificate made with keytool): the job gets its credentials and truststore only from the file named by
 * {@code ballast.kafka.properties-file}, the collector only from {@code BALLAST_KAFKA_*} variables; a wrong password
 * is refused, and no secret reaches the log.
 */
class ScramSslLiveTest {
    static final ScramUser JOB = new ScramUser("ballast", "job-" + java.util.UUID.randomUUID());
    static final ScramUser COLLECTOR = new ScramUser("collector", "collector-" + java.util.UUID.randomUUID());
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofSeconds(60));

    @TempDir
    static Path dir;
    static KafkaBrokerProcess broker;

    @BeforeAll
    static void startScramBroker() throws Exception {
        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), BrokerSecurity.saslSsl(SelfSignedTls.generate(dir.resolve("tls")), JOB, COLLECTOR));
        Properties admin = new Properties();
        admin.putAll(broker.adminClientProperties());
        TopicAdmin.ensureTopics(admin, TopicAdmin.BROKER_DEFAULT);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAnAuthenticationError() {
        Map<String, Object> wrong = new HashMap<>(broker.security().clientProperties(new ScramUser(JOB.name(), "not-the-password")));
        wrong.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin stranger = Admin.create(wrong)) {
            assertThatThrownBy(() -> stranger.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void collectorAndLiveJobWorkOverScramSslAndNoSecretIsLogged() throws Exception {
        StringWriter log = new StringWriter();
        Runnable stopCapture = captureLog(log);
        Path clientFile = dir.resolve("kafka-client.properties");
        Properties file = new Properties();
        file.putAll(broker.security().clientProperties(JOB));
        try (Writer w = Files.newBufferedWriter(clientFile)) {
            file.store(w, null);
        }
        Map<String, String> collectorEnv = new HashMap<>();
        broker.security().clientProperties(COLLECTOR).forEach((name, value) ->
                collectorEnv.put(KafkaPublisherOptions.ENV_PREFIX + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));

        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.of(FaultScript.ScriptedFault.after(FaultKind.XID_79, Duration.ofSeconds(20))));
        String bootstrap = broker.bootstrapServers();
        JobClient job = LiveJobRun.start(bootstrap, Map.of("ballast.kafka.properties-file", clientFile.toString()));
        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(KafkaPublisherOptions.resolve(bootstrap, null, collectorEnv));
             KafkaConsumer<byte[], byte[]> drains = CommittedReader.open(bootstrap, Map.copyOf(broker.security().clientProperties(JOB)), Topics.ACTIONS_DRAIN)) {
            sim.records().forEachRemaining(publisher::publish);
            await("the collector delivered the trace").atMost(Duration.ofMinutes(1))
                    .until(() -> publisher.stats().delivered() == publisher.stats().accepted());

            List<Drain> committed = CommittedReader.awaitDrains(drains, "the Xid 79 drain, committed through the SCRAM/TLS sinks");
            assertThat(committed).extracting(Drain::getNode).containsExactlyElementsOf(BadInputReplayTest.drainNodes(sim));
        } finally {
            job.cancel().get();
            stopCapture.run();
        }
        assertThat(log.toString()).as("Kafka logged the clients' configuration, secrets hidden").contains("sasl.jaas.config = [hidden]")
                .doesNotContain(JOB.password(), COLLECTOR.password(), broker.security().tls().password());
        assertThat(Files.readString(dir.resolve("kafka/broker.log"))).doesNotContain(JOB.password(), COLLECTOR.password());
    }

    /** Everything logged at INFO and above while the test runs (the suite logs WARN otherwise); returns how to stop. */
    private static Runnable captureLog(StringWriter into) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%c %m%n").build(), null, into, "secrets-check", false, true);
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.INFO, null);
        Level before = context.getConfiguration().getRootLogger().getLevel();
        Configurator.setRootLevel(Level.INFO);
        return () -> {
            Configurator.setRootLevel(before);
            context.getConfiguration().getRootLogger().removeAppender("secrets-check");
            appender.stop();
        };
    }
}
