package io.ballast.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the actions of two replays of one trace. Actions match by type and subject (drain: node; alert: name,
 * status and labels; rollback: job; bias update: job, layer and step), the n-th with the n-th; a match whose content
 * differs is "changed". Fields that differ whenever the rule set does (ids, rule-set versions) are ignored.
 */
public final class ActionDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Differ with every rule-set change, say nothing about the action: the alert id is a label fingerprint. */
    private static final List<String> IGNORED_FIELDS = List.of("id", "rule_set_version");
    private static final List<String> LABELS_NOT_IN_SUBJECT = List.of("rule", "rule_set_version", "alertname");

    /** One difference: ADDED (only in B), REMOVED (only in A) or CHANGED (both, listed fields differ). */
    public record Change(Kind kind, String subject, long ts, String a, String b, List<String> fields) {
        public enum Kind { ADDED, REMOVED, CHANGED }

        /** One line for humans: {@code changed drain node-3 @ts: reason, rule}. */
        public String oneLine() {
            String what = kind.name().toLowerCase() + " " + subject + " @" + ts;
            return kind == Kind.CHANGED ? what + " (" + String.join(", ", fields) + ")" : what;
        }
    }

    private ActionDiff() {}

    /** The differences between action lines {@code a} and {@code b} (JSON Lines of the contract), in time order. */
    public static List<Change> between(List<String> a, List<String> b) {
        Map<String, ObjectNode> left = bySubject(a);
        Map<String, ObjectNode> right = bySubject(b);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : left.entrySet()) {
            ObjectNode other = right.get(e.getKey());
            String subject = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
            if (other == null) {
                changes.add(new Change(Change.Kind.REMOVED, subject, e.getValue().path("ts").asLong(), e.getValue().toString(), null, List.of()));
            } else {
                List<String> fields = differingFields(e.getValue(), other);
                if (!fields.isEmpty()) {
                    changes.add(new Change(Change.Kind.CHANGED, subject, other.path("ts").asLong(), e.getValue().toString(), other.toString(), fields));
                }
            }
        }
        for (Map.Entry<String, ObjectNode> e : right.entrySet()) {
            if (!left.containsKey(e.getKey())) {
                String subject = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
                changes.add(new Change(Change.Kind.ADDED, subject, e.getValue().path("ts").asLong(), null, e.getValue().toString(), List.of()));
            }
        }
        changes.sort(java.util.Comparator.comparingLong(Change::ts).thenComparing(Change::subject).thenComparing(c -> c.kind()));
        return changes;
    }

    /** The subject an action is matched by, e.g. {@code drain node-3} or {@code alert symbol_errors firing {node=n1}}. */
    static String subject(JsonNode action) {
        String type = action.path("type").asText();
        return switch (type) {
            case "drain" -> "drain " + action.path("node").asText() + cluster(action);
            case "rollback" -> "rollback " + action.path("job").asText();
            case "bias_update" -> "bias_update " + action.path("job").asText() + "/" + action.path("layer").asText() + " step "
                    + action.path("step").asText();
            case "alert" -> "alert " + action.path("name").asText() + " " + action.path("status").asText() + " " + labels(action.path("labels"));
            default -> type + " " + action.path("id").asText();
        };
    }

    private static String cluster(JsonNode action) {
        JsonNode c = action.path("cluster");
        return c.isTextual() ? " (" + c.asText() + ")" : "";
    }

    private static String labels(JsonNode labels) {
        Map<String, String> kept = new java.util.TreeMap<>();
        labels.fields().forEachRemaining(e -> {
            if (!LABELS_NOT_IN_SUBJECT.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue().asText());
            }
        });
        return kept.toString();
    }

    // The n-th action with a subject in A matches the n-th in B: an alert that fires twice is two subjects.
    private static Map<String, ObjectNode> bySubject(List<String> lines) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode node = parse(line);
            String subject = subject(node);
            int n = seen.merge(subject, 1, Integer::sum);
            out.put(subject + "#" + n, normalised(node));
        }
        return out;
    }

    private static ObjectNode normalised(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        IGNORED_FIELDS.forEach(copy::remove);
        if (copy.path("labels").isObject()) {
            ((ObjectNode) copy.get("labels")).remove("rule_set_version");
        }
        return copy;
    }

    private static List<String> differingFields(ObjectNode a, ObjectNode b) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            JsonNode x = a.get(name);
            JsonNode y = b.get(name);
            if (x == null || !x.equals(y)) {
                if ("labels".equals(name) && x != null && y != null) {
                    for (Iterator<String> it = union(x, y); it.hasNext(); ) {
                        String label = it.next();
                        if (!java.util.Objects.equals(x.get(label), y.get(label))) {
                            out.add("labels." + label);
                        }
                    }
                } else {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static Iterator<String> union(JsonNode x, JsonNode y) {
        TreeSet<String> names = new TreeSet<>();
        x.fieldNames().forEachRemaining(names::add);
        y.fieldNames().forEachRemaining(names::add);
        return names.iterator();
    }

    private static ObjectNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!(node instanceof ObjectNode o)) {
                throw new IllegalArgumentException("not an action line: " + line);
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("not an action line: " + line, e);
        }
    }
}
