package io.ballast.jobs.hardware;

import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.hardware.XidRecurrence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's recent notable hardware facts (rules correlate, e.g., an Xid 48 with a failed row remap) and the
 * ids of decisions already taken on them, all pruned to the correlation window. A Flink POJO.
 */
public class NodeFacts {
    public List<XidFact> xids = new ArrayList<>();
    public Map<Integer, GpuHealthFact> gpus = new HashMap<>();
    public Map<String, Long> decided = new HashMap<>();
    public XidRecurrence recurrence;
    public boolean announced;

    public NodeFacts() {}

    void prune(long now, long windowMs) {
        long horizon = now - windowMs;
        xids.removeIf(x -> x.getTs() < horizon);
        gpus.values().removeIf(g -> g.getTs() < horizon);
        decided.values().removeIf(ts -> ts < horizon);
        recurrence.expire(now);
    }

    List<Object> all() {
        List<Object> facts = new ArrayList<>(xids);
        facts.addAll(gpus.values());
        return facts;
    }
}
