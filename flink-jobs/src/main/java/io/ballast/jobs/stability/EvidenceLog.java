package io.ballast.jobs.stability;

import java.util.ArrayList;
import java.util.List;

/** The recent evidence of one node, newest last, pruned to the lookback window. A Flink POJO for broadcast state. */
public class EvidenceLog {
    public List<NodeEvidence> entries = new ArrayList<>();

    public EvidenceLog() {}

    void add(NodeEvidence e, long lookbackMs) {
        entries.add(e);
        long newest = entries.stream().mapToLong(x -> x.ts).max().orElse(e.ts);
        // Older than any spike could still look back to: drop, so broadcast state stays small.
        entries.removeIf(x -> x.ts < newest - 2 * lookbackMs);
    }
}
