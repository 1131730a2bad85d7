package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A Slack incoming-webhook message for a group of alerts: a plain {@code text} fallback plus blocks. */
public final class SlackPayload {
    /** Slack refuses more than 50 blocks; one is the header and one may say how many were left out. */
    static final int MAX_ALERT_BLOCKS = 48;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayload() {}

    public static String body(List<Notification> group) {
        long firing = group.stream().filter(Notification::firing).count();
        String title = firing > 0
                ? "[FIRING:" + firing + "] " + names(group)
                : "[RESOLVED] " + names(group);
        ObjectNode root = JSON.createObjectNode();
        root.put("text", title);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", title.length() > 150 ? title.substring(0, 147) + "..." : title);
        group.stream().limit(MAX_ALERT_BLOCKS).forEach(n -> {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", line(n));
        });
        if (group.size() > MAX_ALERT_BLOCKS) {
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", "and " + (group.size() - MAX_ALERT_BLOCKS) + " more alerts");
        }
        return root.toString();
    }

    private static String names(List<Notification> group) {
        return group.stream().map(n -> n.alert().getName()).distinct().sorted().collect(Collectors.joining(", "));
    }

    private static String line(Notification n) {
        Alert a = n.alert();
        Map<String, String> labels = new TreeMap<>(a.getLabels());
        String labelText = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return "*" + (n.firing() ? a.getSeverity().toUpperCase() : "RESOLVED") + "* `" + a.getName() + "` " + a.getSummary()
                + (labelText.isEmpty() ? "" : "\n" + labelText);
    }
}
