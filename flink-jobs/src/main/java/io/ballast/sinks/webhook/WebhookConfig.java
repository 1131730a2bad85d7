package io.ballast.sinks.webhook;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One webhook destination: where to POST, in which payload shape, the HMAC secret (null for none),
 * the per-request timeout, how often and how patiently to retry, how many alerts may wait, and how
 * long to collect alerts into one group. PagerDuty needs a routing key: {@code routingKey}, else the secret.
 */
public record WebhookConfig(
        URI url,
        Format format,
        String secret,
        Duration timeout,
        int maxRetries,
        Duration initialBackoff,
        int queueCapacity,
        Duration groupWait,
        String routingKey) implements Serializable {

    /** Payload shape the receiver expects. */
    public enum Format { ALERTMANAGER, SLACK, PAGERDUTY }

    public WebhookConfig {
        Objects.requireNonNull(url, "webhook url");
        Objects.requireNonNull(format, "webhook format");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook url must be http or https: " + url);
        }
        if (maxRetries < 0 || queueCapacity < 1) {
            throw new IllegalArgumentException("webhook maxRetries must be >= 0 and queueCapacity >= 1, got "
                    + maxRetries + " and " + queueCapacity);
        }
        if (timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative() || initialBackoff.isZero()
                || groupWait.isNegative()) {
            throw new IllegalArgumentException("webhook timeout and backoff must be positive, group wait not negative");
        }
    }

    /** Long enough to put a burst of alerts into one page, short beside the seconds an alert takes to be decided. */
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofMillis(250);

    /** Alertmanager shape, no secret, 5 s timeout, 5 retries from 500 ms, 10k queued, {@link #DEFAULT_GROUP_WAIT}. */
    public static WebhookConfig of(String url) {
        return new WebhookConfig(URI.create(url), Format.ALERTMANAGER, null, Duration.ofSeconds(5), 5,
                Duration.ofMillis(500), 10_000, DEFAULT_GROUP_WAIT, null);
    }

    public WebhookConfig withFormat(Format format) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    public WebhookConfig withSecret(String secret) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    public WebhookConfig withRoutingKey(String routingKey) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    public WebhookConfig withRetries(int maxRetries, Duration initialBackoff) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    public WebhookConfig withQueueCapacity(int queueCapacity) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    public WebhookConfig withGroupWait(Duration groupWait) {
        return new WebhookConfig(url, format, secret, timeout, maxRetries, initialBackoff, queueCapacity, groupWait, routingKey);
    }

    /** The PagerDuty routing key: the configured one, else the secret. */
    public String pagerDutyRoutingKey() {
        String key = blank(routingKey) ? secret : routingKey;
        if (blank(key)) {
            throw new IllegalArgumentException("a PagerDuty webhook needs a routing key (routingKey or secret)");
        }
        return key;
    }

    public boolean signed() {
        return !blank(secret);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
