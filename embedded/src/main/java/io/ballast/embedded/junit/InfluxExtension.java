package io.ballast.embedded.junit;

import io.ballast.embedded.Docker;
import io.ballast.embedded.InfluxBackend;
import io.ballast.embedded.LocalInflux;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Hands a test class a real InfluxDB 1.x: {@code BALLAST_INFLUX=url} if set, else a Testcontainers
 * {@code influxdb:1.8} when a Docker engine is reachable, else a local {@code influxd}
 * ({@link LocalInflux}). Register with {@code @RegisterExtension static InfluxExtension influx = new InfluxExtension();}.
 * With no backend the class is skipped, or failed when {@code CI=true}: CI must not pass silently.
 */
public final class InfluxExtension implements BeforeAllCallback {
    static final String INFLUX_IMAGE = "influxdb:1.8";

    private final boolean localOnly;
    private InfluxBackend backend;

    public InfluxExtension() {
        this(false);
    }

    private InfluxExtension(boolean localOnly) {
        this.localOnly = localOnly;
    }

    /** Always a {@link LocalInflux}, for tests that kill and restart the server (outages). */
    public static InfluxExtension local() {
        return new InfluxExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store =
                context.getStore(ExtensionContext.Namespace.create(InfluxExtension.class, context.getRequiredTestClass()));
        backend = store.getOrComputeIfAbsent("influx", k -> new Closing(openOrReport()), Closing.class).backend;
    }

    public String url() {
        return backend().url();
    }

    /** The local server, for outage tests; only with {@link #local()}. */
    public LocalInflux localInflux() {
        if (!(backend() instanceof LocalInflux local)) {
            throw new IllegalStateException("use InfluxExtension.local() to get a server that can be killed and restarted");
        }
        return local;
    }

    /** A new client for this server; the caller closes it. */
    public InfluxDB client() {
        return InfluxDBFactory.connect(url());
    }

    /** Drops and recreates {@code name}, and returns a client whose default database it is. */
    public InfluxDB database(String name) {
        InfluxDB client = client();
        client.query(new Query("DROP DATABASE \"" + name + "\""));
        client.query(new Query("CREATE DATABASE \"" + name + "\""));
        return client.setDatabase(name);
    }

    private InfluxBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("InfluxExtension must be a static @RegisterExtension field");
        }
        return backend;
    }

    private InfluxBackend openOrReport() {
        try {
            return open();
        } catch (RuntimeException e) {
            String message = "no InfluxDB for this test: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: a missing backend is a failure)", e);
            }
            Assumptions.abort(message);
            throw e; // not reached: abort always throws
        }
    }

    private InfluxBackend open() {
        if (localOnly) {
            return LocalInflux.start();
        }
        String external = System.getenv("BALLAST_INFLUX");
        if (external != null && !external.isBlank()) {
            return InfluxBackend.external(external);
        }
        if (Docker.available()) {
            InfluxDBContainer<?> container =
                    new InfluxDBContainer<>(DockerImageName.parse(INFLUX_IMAGE)).withAuthEnabled(false);
            container.start();
            return new InfluxBackend() {
                @Override
                public String url() {
                    return container.getUrl();
                }

                @Override
                public void close() {
                    container.stop();
                }
            };
        }
        return LocalInflux.start();
    }

    /** Closes the backend when JUnit closes the store at the end of the class (JUnit 5.13+ closes AutoCloseable values). */
    private record Closing(InfluxBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }
}
