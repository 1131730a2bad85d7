package io.ballast.embedded;

/** A reachable InfluxDB 1.x HTTP endpoint: a local influxd, a container, or one named by {@code BALLAST_INFLUX}. */
public interface InfluxBackend extends AutoCloseable {
    /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:18086}. */
    String url();

    @Override
    void close();

    /** A server someone else runs: closing it does nothing. */
    static InfluxBackend external(String url) {
        return new InfluxBackend() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {}
        };
    }
}
