package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A PagerDuty Events API v2 event for one alert; the alert id is the dedup key, so resolve closes the trigger. */
public final class PagerDutyPayload {
    /** PagerDuty truncates summaries beyond this. */
    static final int MAX_SUMMARY = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PagerDutyPayload() {}

    public static String body(Notification n, String routingKey) {
        Alert a = n.alert();
        ObjectNode root = JSON.createObjectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", n.firing() ? "trigger" : "resolve");
        root.put("dedup_key", a.getId());
        ObjectNode payload = root.putObject("payload");
        String summary = a.getName() + ": " + a.getSummary();
        payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
        payload.put("source", source(a.getLabels()));
        payload.put("severity", severity(a.getSeverity()));
        payload.put("timestamp", Instant.ofEpochMilli(a.getTs()).toString());
        payload.put("class", a.getName());
        Map<String, String> details = new TreeMap<>(a.getLabels());
        details.put("alertname", a.getName());
        details.put("status", a.getStatus());
        payload.set("custom_details", JSON.valueToTree(details));
        return root.toString();
    }

    /** PagerDuty knows critical, error, warning and info; Ballast's three map straight, anything else is an error. */
    static String severity(String severity) {
        return switch (severity == null ? "" : severity.toLowerCase()) {
            case "critical" -> "critical";
            case "warning" -> "warning";
            case "info" -> "info";
            default -> "error";
        };
    }

    private static String source(Map<String, String> labels) {
        for (String key : new String[] {"node", "switch", "job", "cluster"}) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "ballast";
    }
}
