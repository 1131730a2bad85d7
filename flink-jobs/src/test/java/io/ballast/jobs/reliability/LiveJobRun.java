package io.ballast.jobs.reliability;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.live.JobArgs;
import io.ballast.jobs.live.LiveJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The live job on an in-JVM MiniCluster against a real broker, reading from the earliest offsets and checkpointing every second. */
final class LiveJobRun {
    private LiveJobRun() {}

    static JobClient start(String bootstrapServers, Map<String, String> settings) throws Exception {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, bootstrapServers);
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
        conf.set(BallastOptions.KAFKA_STARTING_OFFSETS, "earliest");
        conf.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, "reliability-" + UUID.randomUUID());
        settings.forEach((k, v) -> JobArgs.set(conf, k, v));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        LiveJob.build(env, conf);
        return env.executeAsync("reliability live run");
    }
}
