package io.ballast.cli;

import io.ballast.jobs.kafka.KafkaClientProperties;
import io.ballast.jobs.kafka.TopicAdmin;

import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Creates the pipeline's Kafka topics with their partitions, retention and compaction, connecting with the same
 * client properties as the job ({@code ballast.kafka.properties-file}: SASL, SSL). Replicas: the broker's default
 * unless {@code --replication-factor} says otherwise.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create the ballast.* topics where missing.")
final class TopicsCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replicas per partition of the topics it creates (default: the broker's default.replication.factor; 3 in production).")
    Short replicationFactor;

    @Mixin
    SettingsOptions settings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (replicationFactor != null && replicationFactor < 1) {
            throw new ParameterException(spec.commandLine(), "--replication-factor must be at least 1, not " + replicationFactor);
        }
        Properties client = KafkaClientProperties.from(settings.toConfiguration());
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        List<String> created = TopicAdmin.ensureTopics(client, Optional.ofNullable(replicationFactor));
        spec.commandLine().getOut().println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
        return 0;
    }
}
