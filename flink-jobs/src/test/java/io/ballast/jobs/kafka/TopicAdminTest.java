package io.ballast.jobs.kafka;

import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopicAdminTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    @Test
    void createsEveryTopicWithItsPartitionsRetentionAndCompactionAndIsIdempotent() throws Exception {
        List<String> created = TopicAdmin.ensureTopics(kafka.bootstrapServers());
        assertThat(created).hasSameElementsAs(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
        assertThat(TopicAdmin.ensureTopics(kafka.bootstrapServers())).isEmpty();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(Topics.TELEMETRY_GPU)).allTopicNames().get().get(Topics.TELEMETRY_GPU).partitions()).hasSize(12);
            ConfigResource bias = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACTIONS_BIAS);
            ConfigResource gpu = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TELEMETRY_GPU);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(bias, gpu)).all().get();
            assertThat(configs.get(bias).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(gpu).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(gpu).get("retention.ms").value()).isEqualTo(Long.toString(3L * 24 * 3600 * 1000));
        }
    }
}
