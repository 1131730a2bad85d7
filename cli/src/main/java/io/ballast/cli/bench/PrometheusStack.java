package io.ballast.cli.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus and Alertmanager on loopback, as most clusters alert today: Prometheus scrapes the
 * {@link DcgmExporter} and evaluates one Xid rule at its default intervals (scrape and evaluation 1m), Alertmanager
 * routes to a webhook with its default grouping (group_wait 30s). Both are stopped on close.
 */
public final class PrometheusStack implements AutoCloseable {
    public static final String PROMETHEUS = "/usr/bin/prometheus";
    public static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    /** The rule users write for dcgm-exporter's Xid gauge: any non-zero Xid fires at once (no {@code for}). */
    public static final String RULE = "DCGM_FI_DEV_XID_ERRORS > 0";

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;

    private PrometheusStack(Path dir) {
        this.dir = dir;
    }

    /** What to install when a binary is missing, empty when both are there. */
    public static Optional<String> missing() {
        if (new File(PROMETHEUS).canExecute() && new File(ALERTMANAGER).canExecute()) {
            return Optional.empty();
        }
        return Optional.of("--compare-prometheus needs Debian's Prometheus and Alertmanager: "
                + "apt-get install -y --no-install-recommends prometheus prometheus-alertmanager");
    }

    /** Starts Alertmanager (posting to {@code webhookUrl}) and Prometheus (scraping {@code target}). */
    public static PrometheusStack start(String target, String webhookUrl) throws IOException {
        Path dir = Files.createTempDirectory("ballast-bench-prom");
        PrometheusStack stack = new PrometheusStack(dir);
        try {
            int amPort = freePort();
            int promPort = freePort();
            Files.writeString(dir.resolve("alertmanager.yml"), """
                    # Defaults kept: group_wait 30s, group_interval 5m, repeat_interval 4h.
                    route:
                      receiver: oncall
                    receivers:
                      - name: oncall
                        webhook_configs:
                          - url: %s
                    """.formatted(webhookUrl));
            Files.writeString(dir.resolve("rules.yml"), """
                    groups:
                      - name: gpu
                        rules:
                          - alert: GpuXidError
                            expr: %s
                            labels:
                              severity: critical
                    """.formatted(RULE));
            Files.writeString(dir.resolve("prometheus.yml"), """
                    # global left at Prometheus' defaults: scrape_interval 1m, evaluation_interval 1m, scrape_timeout 10s.
                    rule_files: [rules.yml]
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ["127.0.0.1:%d"]
                    scrape_configs:
                      - job_name: dcgm
                        static_configs:
                          - targets: ["%s"]
                    """.formatted(amPort, target));
            stack.launch("alertmanager", ALERTMANAGER, "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
            stack.launch("prometheus", PROMETHEUS, "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + promPort);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void launch(String name, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    /** Where the processes' logs are, for a failed comparison. */
    public Path dir() {
        return dir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
