package io.ballast.cli;

import io.ballast.jobs.BallastPipeline;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.live.LiveJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** Runs the live jobs in this process (Flink MiniCluster) against an existing Kafka. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Run the live pipeline in-process against a Kafka cluster until stopped.",
                "On a Flink cluster, submit flink-jobs/target/ballast-flink-jobs-*-job.jar with 'flink run' instead."})
final class JobCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Configuration conf = settings.toConfiguration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, kafka);
        StreamExecutionEnvironment env = BallastPipeline.environment(conf);
        LiveJob.build(env, conf);
        env.execute("ballast");
        return 0;
    }
}
