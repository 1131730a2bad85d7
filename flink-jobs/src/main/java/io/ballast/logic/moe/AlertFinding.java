package io.ballast.logic.moe;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A deduplicated alert transition ({@code firing} once when a condition starts, {@code resolved} once when it
 * clears), shaped like the contract's {@code alert}; the lead derives the id from {@link #key()}.
 */
public record AlertFinding(String name, String severity, String status, String summary, Map<String, String> labels) {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public AlertFinding {
        labels = Map.copyOf(labels);
    }

    /** Stable identity of the condition (name plus sorted labels): the same for its firing and resolved. */
    public String key() {
        return keyOf(name, labels);
    }

    /** {@link #key()} of a finding with this name and these labels, without building it. */
    public static String keyOf(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public boolean firing() {
        return FIRING.equals(status);
    }
}
