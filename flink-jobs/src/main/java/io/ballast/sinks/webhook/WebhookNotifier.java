package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers alerts to one webhook from a background thread. {@link #offer} never blocks: a full
 * queue drops the alert (counted, logged). An alert is sent once per status change of its id,
 * alerts arriving within the group wait go out in one POST (one event each for PagerDuty), and
 * connection errors and 5xx answers are retried with exponential backoff.
 */
public final class WebhookNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    static final int MAX_GROUP = 100;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Ids remembered for deduplication; the oldest are forgotten beyond this. */
    static final int DEDUP_MEMORY = 100_000;

    private final WebhookConfig config;
    private final HttpClient http;
    private final BlockingQueue<Notification> queue;
    private final Map<String, Seen> seen = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > DEDUP_MEMORY;
        }
    };
    private final Thread worker;
    private final CountDownLatch abort = new CountDownLatch(1);
    private final Object idle = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deduplicated = new AtomicLong();
    private int pending;
    private volatile boolean closing;

    /** Last status sent for an alert id and, while it fires, since when. */
    private record Seen(boolean firing, long firingSince) {}

    public WebhookNotifier(WebhookConfig config) {
        if (config.format() == WebhookConfig.Format.PAGERDUTY) {
            config.pagerDutyRoutingKey(); // fail at start, not at the first alert
        }
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.worker = new Thread(this::run, "webhook-notifier-" + config.url().getHost() + ":" + config.url().getPort());
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the alert unless it repeats the last status of its id; returns at once, false if not queued. */
    public boolean offer(Alert alert) {
        String status = String.valueOf(alert.getStatus());
        if (!status.equals("firing") && !status.equals("resolved")) {
            dropped.incrementAndGet();
            LOG.warn("alert {} has status '{}', expected firing or resolved; not sent", alert.getId(), status);
            return false;
        }
        boolean firing = status.equals("firing");
        synchronized (seen) {
            Seen last = seen.get(alert.getId());
            if (last != null && last.firing() == firing) {
                deduplicated.incrementAndGet();
                return false;
            }
            long startsAt = !firing && last != null ? last.firingSince() : alert.getTs();
            if (closing || !queue.offer(new Notification(alert, startsAt))) {
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("webhook queue full or closed, dropped alert {} ({} dropped so far)", alert.getId(), n);
                }
                return false;
            }
            seen.put(alert.getId(), new Seen(firing, startsAt));
        }
        synchronized (idle) {
            pending++;
        }
        return true;
    }

    /** Waits until every queued alert was delivered or given up on; true if that happened in time. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            try {
                while (pending > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }

    /** Alerts delivered (2xx). */
    public long sent() {
        return sent.get();
    }

    /** POSTs repeated after a connection error or a 5xx. */
    public long retried() {
        return retried.get();
    }

    /** Alerts never queued (queue full, closed, bad status) or still queued at close. */
    public long dropped() {
        return dropped.get();
    }

    /** Alerts given up on: refused with a 4xx, or retries exhausted. */
    public long failed() {
        return failed.get();
    }

    /** Alerts not sent because they repeated the last status of their id. */
    public long deduplicated() {
        return deduplicated.get();
    }

    /** Stops taking alerts and delivers the queued ones for up to 10 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Stops taking alerts and delivers the queued ones for up to {@code timeout}; the rest are dropped. */
    public boolean close(Duration timeout) {
        closing = true;
        boolean drained = awaitIdle(timeout);
        abort.countDown();
        worker.interrupt();
        try {
            worker.join(config.timeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Notification> left = new ArrayList<>();
        queue.drainTo(left);
        dropped.addAndGet(left.size());
        if (!left.isEmpty()) {
            LOG.warn("webhook notifier closed with {} alerts undelivered", left.size());
        }
        return drained;
    }

    private void run() {
        while (abort.getCount() > 0) {
            try {
                Notification first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Notification> group = new ArrayList<>(List.of(first));
                long deadline = System.nanoTime() + config.groupWait().toNanos();
                while (group.size() < MAX_GROUP) {
                    long left = closing ? 0 : deadline - System.nanoTime();
                    Notification next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                }
                deliver(group);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug in one payload must not stop every later alert.
                LOG.error("webhook notifier failed on a group of alerts", e);
            }
        }
    }

    private void deliver(List<Notification> group) throws InterruptedException {
        int done = 0;
        try {
            switch (config.format()) {
                case ALERTMANAGER -> post(AlertmanagerPayload.body(group), group);
                case SLACK -> post(SlackPayload.body(group), group);
                case PAGERDUTY -> {
                    for (Notification n : group) {
                        post(PagerDutyPayload.body(n, config.pagerDutyRoutingKey()), List.of(n));
                        done++;
                    }
                }
            }
        } catch (InterruptedException e) {
            dropped.addAndGet(group.size() - done);
            throw e;
        } finally {
            synchronized (idle) {
                pending -= group.size();
                idle.notifyAll();
            }
        }
    }

    private void post(String body, List<Notification> alerts) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "ballast")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (config.signed()) {
            request.header(Signature.HEADER, Signature.of(config.secret(), body));
        }
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    sent.addAndGet(alerts.size());
                    return;
                }
                if (status < 500 && status != 429 && status != 408) {
                    giveUp(alerts, "webhook answered " + status);
                    return;
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                problem = e.toString();
            }
            if (attempt >= config.maxRetries()) {
                giveUp(alerts, "no success after " + (attempt + 1) + " attempts, last: " + problem);
                return;
            }
            retried.incrementAndGet();
            LOG.debug("webhook POST failed ({}), retrying in {} ms", problem, backoff);
            if (abort.await(backoff, TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("webhook notifier closed");
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void giveUp(List<Notification> alerts, String why) {
        failed.addAndGet(alerts.size());
        LOG.warn("giving up on {} alerts to {}: {}", alerts.size(), config.url(), why);
        synchronized (seen) {
            // Forget what was never delivered, so the next firing of the same alert is tried again.
            for (Notification n : alerts) {
                Seen last = seen.get(n.alert().getId());
                if (last != null && last.firing() == n.firing()) {
                    seen.remove(n.alert().getId());
                }
            }
        }
    }
}
