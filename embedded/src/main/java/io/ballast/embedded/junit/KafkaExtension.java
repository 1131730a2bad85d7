package io.ballast.embedded.junit;

import io.ballast.embedded.Docker;
import io.ballast.embedded.EmbeddedKafka;
import io.ballast.embedded.KafkaBackend;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Hands a test class a real Kafka broker: {@code BALLAST_KAFKA=host:port} if set, else a
 * Testcontainers broker when a Docker engine is reachable, else an in-process KRaft broker.
 * Register with {@code @RegisterExtension static KafkaExtension kafka = new KafkaExtension();}.
 * The broker lives for the test class and is closed after it.
 */
public final class KafkaExtension implements BeforeAllCallback {
    static final String KAFKA_IMAGE = "apache/kafka-native:4.2.0";

    private KafkaBackend backend;

    @Override
    public void beforeAll(ExtensionContext context) {
        backend = context.getStore(ExtensionContext.Namespace.create(KafkaExtension.class, context.getRequiredTestClass()))
                .getOrComputeIfAbsent("kafka", k -> new Closing(open()), Closing.class).backend;
    }

    public String bootstrapServers() {
        if (backend == null) {
            throw new IllegalStateException("KafkaExtension must be a static @RegisterExtension field");
        }
        return backend.bootstrapServers();
    }

    private static KafkaBackend open() {
        String external = System.getenv("BALLAST_KAFKA");
        if (external != null && !external.isBlank()) {
            return KafkaBackend.external(external);
        }
        if (Docker.available()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            return new KafkaBackend() {
                @Override
                public String bootstrapServers() {
                    return container.getBootstrapServers();
                }

                @Override
                public void close() {
                    container.stop();
                }
            };
        }
        return EmbeddedKafka.start();
    }

    /** Closes the backend when JUnit closes the store at the end of the class. */
    private record Closing(KafkaBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }
}
