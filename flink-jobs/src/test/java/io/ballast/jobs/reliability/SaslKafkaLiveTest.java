package io.ballast.jobs.reliability;

import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.KafkaRecordPublisher;
import io.ballast.contract.Topics;
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
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A broker that only speaks SASL (PLAIN over SASL_PLAINTEXT: what the in-process KRaft test kit can set up;
 * SCRAM over TLS is {@link ScramSslLiveTest}): the collectors' publisher and the live job's source and exactly-once sinks
 * authenticate with client properties from a file, and an unauthenticated client gets nowhere.
 */
class SaslKafkaLiveTest {
    static KafkaClusterTestKit broker;
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // The kit turns on an authorizer with SASL; the combined node's own controller link is PLAINTEXT (ANONYMOUS).
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN)
                .build();
        broker.format();
        broker.startup();
        broker.waitForReadyBrokers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static Map<String, String> saslClient() {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
    }

    @Test
    void collectorsAndTheLiveJobWorkThroughSaslAndStrangersAreRefused() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Properties admin = new Properties();
        admin.putAll(saslClient());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        TopicAdmin.ensureTopics(admin, TopicAdmin.BROKER_DEFAULT);

        try (Admin stranger = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            assertThatThrownBy(() -> stranger.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("a client without credentials").isNotNull();
        }

        // Secrets in a file, named on the command line; never the secret itself.
        Path clientFile = dir.resolve("kafka-client.properties");
        Properties file = new Properties();
        file.putAll(saslClient());
        try (Writer w = Files.newBufferedWriter(clientFile)) {
            file.store(w, null);
        }
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.of(FaultScript.ScriptedFault.after(FaultKind.XID_79, Duration.ofSeconds(20))));
        JobClient job = LiveJobRun.start(bootstrap, Map.of("ballast.kafka.properties-file", clientFile.toString()));
        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(KafkaPublisherOptions.of(bootstrap).withClientProperties(saslClient()));
             KafkaConsumer<byte[], byte[]> drains = CommittedReader.open(bootstrap, Map.copyOf(saslClient()), Topics.ACTIONS_DRAIN)) {
            sim.records().forEachRemaining(publisher::publish);
            await("the publisher delivered the trace").atMost(Duration.ofMinutes(1))
                    .until(() -> publisher.stats().delivered() == publisher.stats().accepted());

            List<Drain> committed = CommittedReader.awaitDrains(drains, "the Xid 79 drain, committed through the SASL sinks");
            assertThat(committed).extracting(Drain::getNode).containsExactlyElementsOf(BadInputReplayTest.drainNodes(sim));
        } finally {
            job.cancel().get();
        }
    }
}
