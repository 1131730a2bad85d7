package io.ballast.logic.moe;

import io.ballast.rules.Decision;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hardware-aware balancing: which experts of a job sit on a degraded GPU and how hard to push load off them.
 * A pending drain gets the full {@link MoeConfig#maxHostOffset()}, a warning half of it; a GPU without a new finding
 * for {@link MoeConfig#hostQuietMs()} counts as recovered. A drained node leaves the job's topology, and with it
 * the offset.
 *
 * @param offsets negative offset per expert index
 * @param reasons why, per expert index
 */
public record HostPenalties(Map<Integer, Double> offsets, Map<Integer, String> reasons) {

    /** A hardware decision that degrades a GPU or node, or empty for one that says nothing about GPU health. */
    public static Optional<DegradedGpu> fromDecision(Decision d, String cluster) {
        if (d == null || d.getNode() == null || d.getNode().isBlank() || "info".equals(d.getSeverity())) {
            return Optional.empty();
        }
        boolean drain = d.getKind() == Decision.Kind.DRAIN;
        Integer gpu = parseGpu(d.getLabels() == null ? null : d.getLabels().get("gpu"));
        if (gpu == null && !drain) {
            return Optional.empty(); // a node-level warning (e.g. a NIC port) does not say which experts suffer
        }
        return Optional.of(new DegradedGpu(cluster, d.getNode(), gpu, d.getName(), drain, d.getTs()));
    }

    /** The offsets the experts of one job should carry at event time {@code now}. */
    public static HostPenalties of(Collection<DegradedGpu> degraded, String cluster, List<String> expertHosts, long now,
                                   MoeConfig config) {
        Map<Integer, Double> offsets = new TreeMap<>();
        Map<Integer, String> reasons = new TreeMap<>();
        if (expertHosts == null || expertHosts.isEmpty() || config.maxHostOffset() == 0) {
            return new HostPenalties(offsets, reasons);
        }
        for (DegradedGpu g : degraded) {
            if (!cluster.equals(g.cluster) || now - g.lastTs > config.hostQuietMs()) {
                continue;
            }
            double offset = -(g.drainPending ? config.maxHostOffset() : config.maxHostOffset() / 2);
            String reason = g.host() + ": " + g.finding + (g.drainPending ? " (drain pending)" : "");
            for (int expert : HostLoad.expertsOn(expertHosts, g.node, g.gpu)) {
                if (!offsets.containsKey(expert) || offset < offsets.get(expert)) {
                    offsets.put(expert, offset);
                    reasons.put(expert, reason);
                }
            }
        }
        return new HostPenalties(offsets, reasons);
    }

    private static Integer parseGpu(String label) {
        if (label == null) {
            return null;
        }
        try {
            return Integer.valueOf(label.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
