package io.ballast.jobs.kafka;

import io.ballast.contract.Topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the pipeline's topics (partitions, retention, compaction) where they are missing; existing topics are left as they are. */
public final class TopicAdmin {
    /** Leaves the replication factor to the broker's {@code default.replication.factor}. */
    public static final Optional<Short> BROKER_DEFAULT = Optional.empty();

    private TopicAdmin() {}

    /**
     * @param replicationFactor replicas per partition, or {@link #BROKER_DEFAULT}
     * @return the names of the topics it created.
     */
    public static List<String> ensureTopics(Properties clientProperties, Optional<Short> replicationFactor) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(clientProperties);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor).configs(configs(spec)))
                    .toList();
            List<String> created = new java.util.ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    // Another client created it first, or the listing lagged behind a creation: it exists, which is all we want.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        }
    }

    public static List<String> ensureTopics(String bootstrapServers) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return ensureTopics(props, BROKER_DEFAULT);
    }

    static Map<String, String> configs(Topics.TopicSpec spec) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy());
        if (spec.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return configs;
    }
}
