package io.ballast.trainer;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of {@link BallastTrainerClient}.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param job the training job's name, as in every record it sends
 * @param cluster cluster name, null for "default"
 * @param clock event-time source of the records it sends
 */
public record TrainerClientConfig(String bootstrapServers, String job, String cluster, Clock clock) {
    public TrainerClientConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must be a non-blank name");
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static TrainerClientConfig of(String bootstrapServers, String job) {
        return new TrainerClientConfig(bootstrapServers, job, null, Clock.systemUTC());
    }

    public TrainerClientConfig withClock(Clock clock) {
        return new TrainerClientConfig(bootstrapServers, job, cluster, clock);
    }
}
