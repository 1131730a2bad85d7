package io.ballast.jobs.live;

import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Execution settings the live job brings along (building the graph connects to nothing). */
class LiveJobSettingsTest {
    @Test
    void aFailedCheckpointDoesNotRestartTheJobUnlessThreeFailInARow() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        LiveJob.build(env, ballast());
        assertThat(env.getCheckpointConfig().getTolerableCheckpointFailureNumber()).isEqualTo(3);
        assertThat(env.getConfig().isObjectReuseEnabled()).as("no function keeps or changes its input").isTrue();
    }

    @Test
    void anOperatorsOwnTolerableFailureSettingWins() {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LiveJob.build(env, ballast());
        assertThat(env.getCheckpointConfig().getTolerableCheckpointFailureNumber()).isZero();
    }

    private static Configuration ballast() {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, "localhost:1");
        return conf;
    }
}
