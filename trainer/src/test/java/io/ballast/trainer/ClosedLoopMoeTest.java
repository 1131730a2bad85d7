package io.ballast.trainer;

import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.live.LiveJob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop: a tiny PyTorch MoE language model trains against the embedded broker and the live Flink job; its
 * router biases come only from Ballast's bias_update topic. The same model, seed and data without balancing is the
 * baseline. Ballast must cut the mean MaxVio_batch of the last 100 steps by at least 30%.
 */
class ClosedLoopMoeTest {
    static final int STEPS = 300;
    static final int MAX_LAG = 2;

    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    @Test
    void ballastInTheLoopCutsMaxVioByAtLeastThirtyPercent() throws Exception {
        JsonNode baseline = new ObjectMapper().readTree(Python.run(300, "moe_closed_loop.py", "--mode", "none", "--steps", Integer.toString(STEPS)));

        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
        conf.set(BallastOptions.KAFKA_STARTING_OFFSETS, "earliest");
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(200));
        conf.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, "closed-loop");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        LiveJob.build(env, conf);
        JobClient job = env.executeAsync("ballast-closed-loop");
        JsonNode balanced;
        try {
            // At most MAX_LAG steps ahead of the applied bias: at 4, a busy CI machine let the lag sit at the limit and
            // MaxVio drift from ~0.30 to 0.40 (the threshold is 0.38); the claim is about balancing, not about slack.
            balanced = new ObjectMapper().readTree(Python.run(300, "moe_closed_loop.py", "--mode", "ballast", "--steps",
                    Integer.toString(STEPS), "--max-lag", Integer.toString(MAX_LAG), "--bootstrap", kafka.bootstrapServers()));
        } finally {
            job.cancel().get();
        }

        double without = meanOfLast(baseline.get("max_vio"), 100);
        double with = meanOfLast(balanced.get("max_vio"), 100);
        System.out.printf("closed loop: mean MaxVio_batch over the last 100 of %d steps: none %.3f, ballast %.3f%n", STEPS, without, with);
        assertThat(balanced.get("bias_versions").get(STEPS - 1).asLong()).as("bias versions applied by the trainer")
                .isGreaterThanOrEqualTo(STEPS - MAX_LAG - 1);
        assertThat(with).as("MaxVio with Ballast (without: %.3f)", without).isLessThanOrEqualTo(0.7 * without);
    }

    private static double meanOfLast(JsonNode values, int n) {
        List<Double> all = new ArrayList<>();
        values.forEach(v -> all.add(v.asDouble()));
        return all.subList(all.size() - n, all.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
