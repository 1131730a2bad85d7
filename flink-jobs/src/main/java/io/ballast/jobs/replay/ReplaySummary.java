package io.ballast.jobs.replay;

import java.util.Map;
import java.util.TreeMap;

/** What a replay read and wrote: the one-line summary printed on stderr. */
public record ReplaySummary(long recordsIn, Map<String, Long> actionsByType, long deadLetters) {
    public String oneLine() {
        StringBuilder s = new StringBuilder("replay: ").append(recordsIn).append(" records in");
        long actions = actionsByType.values().stream().mapToLong(Long::longValue).sum();
        s.append(", ").append(actions).append(" actions out");
        if (!actionsByType.isEmpty()) {
            s.append(" (");
            String sep = "";
            for (Map.Entry<String, Long> e : new TreeMap<>(actionsByType).entrySet()) {
                s.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            s.append(')');
        }
        return s.append(", ").append(deadLetters).append(" dead letters").toString();
    }
}
