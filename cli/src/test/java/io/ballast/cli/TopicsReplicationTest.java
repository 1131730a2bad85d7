package io.ballast.cli;

import io.ballast.contract.Topics;
import io.ballast.embedded.EmbeddedKafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast topics} leaves replication to the broker's {@code default.replication.factor} unless told otherwise.
 * The broker here has one node and a default of 2, so following the default fails where it could pass with a fixed 1.
 */
class TopicsReplicationTest {
    EmbeddedKafka kafka;

    /** A broker per test: each starts without topics. */
    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start(Map.of("default.replication.factor", "2"));
    }

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withoutTheOptionTheBrokersDefaultReplicationFactorApplies() throws Exception {
        CliTest.Run r = CliTest.run("topics", "--kafka", kafka.bootstrapServers());

        assertThat(r.exit()).isEqualTo(Errors.FAILED);
        assertThat(r.err()).startsWith("ballast topics: cannot create topic ").contains("replication factor").hasLineCount(1);
    }

    @Test
    void theOptionSetsTheReplicationFactor() throws Exception {
        CliTest.Run r = CliTest.run("topics", "--kafka", kafka.bootstrapServers(), "--replication-factor", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var topic = admin.describeTopics(java.util.List.of(Topics.ALL.get(0).name())).allTopicNames().get().values().iterator().next();
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        }
    }

    @Test
    void aReplicationFactorBelowOneIsAUsageError() {
        CliTest.Run r = CliTest.run("topics", "--kafka", "localhost:1", "--replication-factor", "0");

        assertThat(r.exit()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains("--replication-factor must be at least 1, not 0").hasLineCount(1);
    }
}
