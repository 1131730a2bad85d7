package io.ballast.cli;

import io.ballast.jobs.kafka.KafkaClientProperties;
import io.ballast.jobs.kafka.TopicAdmin;

import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Creates the pipeline's Kafka topics with their partitions, retention and compaction, connecting with the same
 * client properties as the job ({@code ballast.kafka.properties-file}: SASL, SSL).
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create the ballast.* topics where missing.")
final class TopicsCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Mixin
    SettingsOptions settings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Properties client = KafkaClientProperties.from(settings.toConfiguration());
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        List<String> created = TopicAdmin.ensureTopics(client, (short) 1);
        spec.commandLine().getOut().println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
        return 0;
    }
}
