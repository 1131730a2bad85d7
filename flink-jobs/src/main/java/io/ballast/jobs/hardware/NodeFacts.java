package io.ballast.jobs.hardware;

import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.hardware.XidRecurrence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's recent notable hardware facts (rules correlate, e.g., an Xid 48 with a failed row remap) and the
 * ids of decisions already taken on them, all pruned to the correlation window. Facts wait in {@code pending*}
 * until the watermark passes their time, so the rules see the same facts whichever input stream ran ahead.
 * Kept only while it holds something: a healthy node has none. A Flink POJO.
 */
public class NodeFacts {
    private static final Comparator<XidFact> XID_ORDER = Comparator.comparingLong(XidFact::getTs)
            .thenComparing(XidFact::getGpu, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingInt(XidFact::getXid);
    private static final Comparator<GpuHealthFact> GPU_ORDER = Comparator.comparingLong(GpuHealthFact::getTs)
            .thenComparingInt(GpuHealthFact::getGpu);

    public List<XidFact> xids = new ArrayList<>();
    /** The latest notable fact per GPU; a healthy fact in {@link #pendingGpus} removes it (the GPU recovered). */
    public Map<Integer, GpuHealthFact> gpus = new HashMap<>();
    public List<XidFact> pendingXids = new ArrayList<>();
    public List<GpuHealthFact> pendingGpus = new ArrayList<>();
    public Map<String, Long> decided = new HashMap<>();
    public XidRecurrence recurrence;

    public NodeFacts() {}

    /** Whether there is nothing to keep: no facts, pending or applied, no decisions taken, no Xid in the recurrence window. */
    boolean isEmpty() {
        return xids.isEmpty() && gpus.isEmpty() && pendingXids.isEmpty() && pendingGpus.isEmpty() && decided.isEmpty()
                && recurrence.getEvents().isEmpty();
    }

    void prune(long now, long windowMs) {
        long horizon = now - windowMs;
        xids.removeIf(x -> x.getTs() < horizon);
        gpus.values().removeIf(g -> g.getTs() < horizon);
        decided.values().removeIf(ts -> ts < horizon);
        recurrence.expire(now);
    }

    /** Whether this GPU has a notable fact applied or waiting, so its next healthy sample must be seen. */
    boolean tracks(int gpu) {
        return gpus.containsKey(gpu) || pendingGpus.stream().anyMatch(g -> g.getGpu() == gpu);
    }

    /**
     * Applies the pending facts at or before {@code upTo} in event-time order (ties by GPU, then Xid), so the
     * result does not depend on arrival order. Returns whether anything was applied.
     */
    boolean applyDue(long upTo) {
        List<GpuHealthFact> dueGpus = pendingGpus.stream().filter(g -> g.getTs() <= upTo).sorted(GPU_ORDER).toList();
        List<XidFact> dueXids = pendingXids.stream().filter(x -> x.getTs() <= upTo).sorted(XID_ORDER).toList();
        for (GpuHealthFact g : dueGpus) {
            if (NodeHardwareFunction.notable(g)) {
                gpus.put(g.getGpu(), g);
            } else {
                gpus.remove(g.getGpu());
            }
        }
        xids.addAll(dueXids);
        pendingGpus.removeIf(g -> g.getTs() <= upTo);
        pendingXids.removeIf(x -> x.getTs() <= upTo);
        return !dueGpus.isEmpty() || !dueXids.isEmpty();
    }

    List<Object> all() {
        List<Object> facts = new ArrayList<>(xids);
        facts.addAll(gpus.values());
        return facts;
    }
}
