package io.ballast.cli.bench;

import io.ballast.embedded.WebhookReceiver;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The same fault seen the way most clusters see it today: dcgm-exporter's Xid gauge scraped by Prometheus, one rule,
 * Alertmanager posting to a webhook, all at default intervals. Measures fault -> Alertmanager webhook.
 */
public final class PrometheusComparison implements AutoCloseable {
    /** Worst case at the defaults is about 1m scrape + 1m evaluation + 30s group_wait; allow for start-up on top. */
    static final Duration WAIT = Duration.ofMinutes(5);

    private final DcgmExporter exporter;
    private final WebhookReceiver receiver;
    private final PrometheusStack stack;
    private PacedLoad load;

    private PrometheusComparison(DcgmExporter exporter, WebhookReceiver receiver, PrometheusStack stack) {
        this.exporter = exporter;
        this.receiver = receiver;
        this.stack = stack;
    }

    /** Starts the exporter, a webhook receiver for Alertmanager, Alertmanager and Prometheus, all on loopback. */
    public static PrometheusComparison start() throws IOException {
        DcgmExporter exporter = DcgmExporter.start();
        WebhookReceiver receiver = WebhookReceiver.start();
        try {
            return new PrometheusComparison(exporter, receiver, PrometheusStack.start(exporter.target(), receiver.url("/alertmanager")));
        } catch (IOException | RuntimeException e) {
            receiver.close();
            exporter.close();
            throw e;
        }
    }

    public DcgmExporter exporter() {
        return exporter;
    }

    /** Exposes the fault node's GPUs (Xid 0) so that Prometheus scrapes them before the fault. */
    public void watch(String node, int gpus, PacedLoad load) {
        exporter.addNode(node, gpus);
        this.load = load;
    }

    /** Waits for Alertmanager's webhook (bounded) and prints both paths' fault -> webhook times. */
    public void report(PrintStream out) throws InterruptedException {
        long faultAt = load == null ? -1 : load.faultSentAt();
        if (faultAt < 0) {
            out.println("compare   the fault was never sent: no comparison");
            return;
        }
        long deadline = faultAt + WAIT.toMillis();
        List<WebhookReceiver.Request> requests = receiver.requests();
        while (requests.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // Alertmanager's group_wait alone is 30 s; polling is fine at this scale
            requests = receiver.requests();
        }
        long ballast = load.ballastWebhookMs();
        if (requests.isEmpty()) {
            out.printf("compare   fault -> Alertmanager webhook: none within %d s (logs in %s); Ballast: %d ms%n",
                    WAIT.toSeconds(), stack.dir(), ballast);
            return;
        }
        long prometheus = requests.get(0).arrivedAt().toEpochMilli() - faultAt;
        out.printf("compare   fault -> Alertmanager webhook %d ms (Prometheus scrape_interval 1m, evaluation_interval 1m, rule '%s', "
                + "Alertmanager group_wait 30s); fault -> Ballast webhook %d ms: %s%n", prometheus, PrometheusStack.RULE, ballast,
                ballast > 0 ? String.format("%.0fx faster", (double) prometheus / ballast) : "Ballast did not alert");
    }

    @Override
    public void close() {
        stack.close();
        receiver.close();
        exporter.close();
    }
}
