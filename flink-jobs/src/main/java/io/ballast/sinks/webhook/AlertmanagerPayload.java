package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Alertmanager webhook body (version 4) for a group of alerts, so anything that consumes
 * Alertmanager webhooks consumes Ballast's. Ballast groups by time only, so groupLabels is empty.
 */
public final class AlertmanagerPayload {
    static final String RECEIVER = "ballast";
    static final String GROUP_KEY = "{}:{}";
    /** What Alertmanager writes as endsAt while an alert fires. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {}

    public static String body(List<Notification> group) {
        List<Map<String, String>> labels = group.stream().map(n -> labels(n.alert())).toList();
        List<Map<String, String>> annotations = group.stream().map(n -> annotations(n.alert())).toList();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4");
        root.put("groupKey", GROUP_KEY);
        root.put("truncatedAlerts", 0);
        root.put("status", group.stream().anyMatch(Notification::firing) ? "firing" : "resolved");
        root.put("receiver", RECEIVER);
        root.putObject("groupLabels");
        root.set("commonLabels", JSON.valueToTree(common(labels)));
        root.set("commonAnnotations", JSON.valueToTree(common(annotations)));
        root.put("externalURL", "");
        ArrayNode alerts = root.putArray("alerts");
        for (int i = 0; i < group.size(); i++) {
            Notification n = group.get(i);
            ObjectNode a = alerts.addObject();
            a.put("status", n.firing() ? "firing" : "resolved");
            a.set("labels", JSON.valueToTree(labels.get(i)));
            a.set("annotations", JSON.valueToTree(annotations.get(i)));
            a.put("startsAt", Instant.ofEpochMilli(n.startsAt()).toString());
            a.put("endsAt", n.firing() ? ZERO_TIME : Instant.ofEpochMilli(n.alert().getTs()).toString());
            a.put("generatorURL", "");
            a.put("fingerprint", fingerprint(n.alert().getId()));
        }
        return root.toString();
    }

    static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new TreeMap<>(alert.getLabels());
        labels.put("alertname", alert.getName());
        labels.put("severity", alert.getSeverity());
        return labels;
    }

    private static Map<String, String> annotations(Alert alert) {
        return new TreeMap<>(Map.of("summary", alert.getSummary()));
    }

    /** Alertmanager's "common": the pairs every alert of the group has. */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> common = new HashMap<>(maps.get(0));
        maps.forEach(m -> common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey()))));
        return new TreeMap<>(common);
    }

    /** 16 hex digits like Alertmanager's, stable for the alert id. */
    static String fingerprint(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
