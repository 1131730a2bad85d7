package io.ballast.sinks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.embedded.WebhookReceiver;
import io.ballast.embedded.junit.WebhookReceiverExtension;
import io.ballast.events.Alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

class WebhookNotifierTest {
    @RegisterExtension
    static WebhookReceiverExtension webhooks = new WebhookReceiverExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long T0 = 1_700_000_000_000L;

    private WebhookNotifier notifier;

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close(Duration.ofSeconds(1));
        }
    }

    private WebhookConfig config() {
        return WebhookConfig.of(webhooks.url("/alerts")).withGroupWait(Duration.ZERO).withRetries(5, Duration.ofMillis(20));
    }

    private WebhookNotifier start(WebhookConfig config) {
        notifier = new WebhookNotifier(config);
        return notifier;
    }

    private WebhookReceiver receiver() {
        return webhooks.receiver();
    }

    private static Alert alert(String id, String status, String severity, long ts, Map<String, String> labels) {
        return Alert.newBuilder().setId(id).setStatus(status).setSeverity(severity).setName("nic_errors")
                .setSummary("port errors on " + labels.getOrDefault("node", "?")).setLabels(labels).setTs(ts).build();
    }

    private static Alert firing(String id) {
        return alert(id, "firing", "critical", T0, Map.of("cluster", "c1", "node", "n1"));
    }

    private static JsonNode json(WebhookReceiver.Request request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void alertmanagerV4ShapeForAGroup() throws Exception {
        start(config().withGroupWait(Duration.ofMillis(500)));
        notifier.offer(alert("a-1", "firing", "critical", T0, Map.of("cluster", "c1", "node", "n1")));
        notifier.offer(alert("a-2", "firing", "warning", T0 + 1000, Map.of("cluster", "c1", "node", "n2")));

        WebhookReceiver.Request request = receiver().awaitRequests(1, WAIT).get(0);
        JsonNode body = json(request);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/alerts");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("groupKey").asText()).isNotEmpty();
        assertThat(body.get("truncatedAlerts").asInt()).isZero();
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("receiver").asText()).isEqualTo("ballast");
        assertThat(body.get("groupLabels").isObject()).isTrue();
        assertThat(body.get("commonLabels")).isEqualTo(JSON.valueToTree(Map.of("cluster", "c1", "alertname", "nic_errors")));
        assertThat(body.get("commonAnnotations").isObject()).isTrue();
        assertThat(body.has("externalURL")).isTrue();
        JsonNode alerts = body.get("alerts");
        assertThat(alerts).hasSize(2);
        JsonNode first = alerts.get(0);
        assertThat(first.get("status").asText()).isEqualTo("firing");
        assertThat(first.get("labels")).isEqualTo(JSON.valueToTree(
                Map.of("alertname", "nic_errors", "severity", "critical", "cluster", "c1", "node", "n1")));
        assertThat(first.get("annotations").get("summary").asText()).isEqualTo("port errors on n1");
        assertThat(first.get("startsAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(first.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(first.has("generatorURL")).isTrue();
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(alerts.get(1).get("labels").get("severity").asText()).isEqualTo("warning");
        assertThat(alerts.get(1).get("fingerprint").asText()).isNotEqualTo(first.get("fingerprint").asText());
    }

    @Test
    void resolvedAfterFiringIsSentWithItsStartAndEnd() throws Exception {
        start(config());
        notifier.offer(firing("a-1"));
        receiver().awaitRequests(1, WAIT);
        notifier.offer(alert("a-1", "resolved", "critical", T0 + 60_000, Map.of("cluster", "c1", "node", "n1")));

        JsonNode resolved = json(receiver().awaitRequests(2, WAIT).get(1));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        JsonNode alert = resolved.get("alerts").get(0);
        assertThat(alert.get("status").asText()).isEqualTo("resolved");
        assertThat(alert.get("startsAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("2023-11-14T22:14:20Z");
    }

    @Test
    void repeatedFiringIsSentOnce() {
        start(config());
        assertThat(notifier.offer(firing("a-1"))).isTrue();
        assertThat(notifier.offer(firing("a-1"))).isFalse();

        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(receiver().requests()).hasSize(1);
        assertThat(notifier.sent()).isEqualTo(1);
        assertThat(notifier.deduplicated()).isEqualTo(1);
    }

    @Test
    void signsTheBodyWithHmacSha256WhenASecretIsSet() throws Exception {
        start(config().withSecret("s3cret"));
        notifier.offer(firing("a-1"));

        WebhookReceiver.Request request = receiver().awaitRequests(1, WAIT).get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Ballast-Signature")).isEqualTo(expected);
    }

    @Test
    void sendsNoSignatureWithoutASecret() {
        start(config());
        notifier.offer(firing("a-1"));

        assertThat(receiver().awaitRequests(1, WAIT).get(0).header("X-Ballast-Signature")).isNull();
    }

    @Test
    void slackShapeHasTextAndBlocks() throws Exception {
        start(config().withFormat(WebhookConfig.Format.SLACK));
        notifier.offer(firing("a-1"));

        JsonNode body = json(receiver().awaitRequests(1, WAIT).get(0));
        assertThat(body.get("text").asText()).isEqualTo("[FIRING:1] nic_errors");
        assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        JsonNode section = body.get("blocks").get(1);
        assertThat(section.get("type").asText()).isEqualTo("section");
        assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.get("text").get("text").asText()).contains("CRITICAL", "nic_errors", "port errors on n1", "node=n1");
    }

    @Test
    void pagerDutyShapeTriggersAndResolvesByDedupKey() throws Exception {
        start(config().withFormat(WebhookConfig.Format.PAGERDUTY).withRoutingKey("R0UT1NG"));
        notifier.offer(alert("a-1", "firing", "warning", T0, Map.of("node", "n9")));
        receiver().awaitRequests(1, WAIT);
        notifier.offer(alert("a-1", "resolved", "warning", T0 + 5000, Map.of("node", "n9")));

        List<WebhookReceiver.Request> requests = receiver().awaitRequests(2, WAIT);
        JsonNode trigger = json(requests.get(0));
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NG");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("a-1");
        JsonNode payload = trigger.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("nic_errors: port errors on n9");
        assertThat(payload.get("source").asText()).isEqualTo("n9");
        assertThat(payload.get("severity").asText()).isEqualTo("warning");
        assertThat(payload.get("custom_details").get("node").asText()).isEqualTo("n9");
        JsonNode resolve = json(requests.get(1));
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo("a-1");
    }

    @Test
    void pagerDutyRoutingKeyDefaultsToTheSecret() throws Exception {
        start(config().withFormat(WebhookConfig.Format.PAGERDUTY).withSecret("k3y"));
        notifier.offer(firing("a-1"));

        assertThat(json(receiver().awaitRequests(1, WAIT).get(0)).get("routing_key").asText()).isEqualTo("k3y");
    }

    @Test
    void retriesTwo503sThenDeliversOnce() {
        receiver().failNext(2, 503);
        start(config());
        notifier.offer(firing("a-1"));

        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        List<WebhookReceiver.Request> requests = receiver().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(WebhookReceiver.Request::body).containsOnly(requests.get(0).body());
        assertThat(notifier.sent()).isEqualTo(1);
        assertThat(notifier.retried()).isEqualTo(2);
        assertThat(notifier.failed()).isZero();
    }

    @Test
    void deliversAfterTheReceiverComesBack() {
        receiver().stop();
        start(config().withRetries(20, Duration.ofMillis(20)));
        notifier.offer(firing("a-1"));

        await().atMost(WAIT).until(() -> notifier.retried() >= 1);
        assertThat(receiver().requests()).isEmpty();
        receiver().startAgain();

        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(notifier.sent()).isEqualTo(1);
        assertThat(receiver().requests()).hasSize(1);
    }

    @Test
    void offerReturnsWhileTheReceiverHasNotAnswered() {
        receiver().hold();
        start(config());
        notifier.offer(firing("a-1"));
        receiver().awaitRequests(1, WAIT); // the notifier's POST is now stuck in the held receiver

        boolean queued = notifier.offer(firing("a-2"));

        assertThat(queued).isTrue();
        assertThat(receiver().answered()).as("receiver had not answered when offer returned").isZero();
        receiver().release();
        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(notifier.sent()).isEqualTo(2);
    }

    @Test
    void fullQueueDropsAndCounts() {
        receiver().hold();
        start(config().withQueueCapacity(1));
        notifier.offer(firing("a-1"));
        receiver().awaitRequests(1, WAIT); // a-1 is in flight, the queue is empty again

        assertThat(notifier.offer(firing("a-2"))).isTrue();
        assertThat(notifier.offer(firing("a-3"))).isFalse();

        assertThat(notifier.dropped()).isEqualTo(1);
        receiver().release();
        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(notifier.sent()).isEqualTo(2);
    }

    @Test
    void clientErrorIsNotRetriedAndTheAlertCanBeSentAgain() {
        receiver().failNext(1, 400);
        start(config());
        notifier.offer(firing("a-1"));
        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(notifier.failed()).isEqualTo(1);
        assertThat(notifier.retried()).isZero();

        assertThat(notifier.offer(firing("a-1"))).isTrue();
        assertThat(notifier.awaitIdle(WAIT)).isTrue();
        assertThat(notifier.sent()).isEqualTo(1);
    }

    @Test
    void pagerDutyWithoutAKeyIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new WebhookNotifier(config().withFormat(WebhookConfig.Format.PAGERDUTY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing key");
    }

    @Test
    void refusesAnUnknownStatus() {
        start(config());
        assertThat(notifier.offer(alert("a-1", "pending", "critical", T0, Map.of()))).isFalse();
        assertThat(notifier.dropped()).isEqualTo(1);
    }
}
