package io.ballast.cli;

import io.ballast.jobs.kafka.TopicAdmin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** Creates the pipeline's Kafka topics with their partitions, retention and compaction. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create the ballast.* topics where missing.")
final class TopicsCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> created = TopicAdmin.ensureTopics(kafka);
        spec.commandLine().getOut().println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
        return 0;
    }
}
