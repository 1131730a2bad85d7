package io.ballast.embedded;

/** A reachable Kafka cluster: in-process, a container, or one named by {@code BALLAST_KAFKA}. */
public interface KafkaBackend extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();

    /** A cluster someone else runs: closing it does nothing. */
    static KafkaBackend external(String bootstrapServers) {
        return new KafkaBackend() {
            @Override
            public String bootstrapServers() {
                return bootstrapServers;
            }

            @Override
            public void close() {}
        };
    }
}
