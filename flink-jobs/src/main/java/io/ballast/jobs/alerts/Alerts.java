package io.ballast.jobs.alerts;

import io.ballast.events.Alert;
import io.ballast.rules.hardware.ActionIds;

import java.util.Map;
import java.util.TreeMap;

/**
 * Builds contract alerts. The id is a fingerprint of the alert name and its identifying labels, as in
 * Alertmanager: firing and resolved share it, so receivers pair them and deduplicate repeats.
 */
public final class Alerts {
    private Alerts() {}

    public static Alert of(String name, String status, String severity, String summary, Map<String, String> labels, long ts) {
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        sorted.put("alertname", name);
        return Alert.newBuilder()
                .setId(fingerprint(sorted))
                .setStatus(status)
                .setSeverity(severity)
                .setName(name)
                .setSummary(summary)
                .setLabels(sorted)
                .setTs(ts)
                .build();
    }

    static String fingerprint(TreeMap<String, String> labels) {
        String[] parts = new String[labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            parts[i++] = e.getKey();
            parts[i++] = e.getValue();
        }
        return ActionIds.of(parts);
    }
}
