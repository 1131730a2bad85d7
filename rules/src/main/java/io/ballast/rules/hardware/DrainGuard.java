package io.ballast.rules.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blast-radius guard, keyed per cluster: at most N drains per sliding window and at most F% of the fleet drained at
 * once (never less than one node). Drains count as active until the node recovers or the hold time passes; a node
 * already drained is not drained again. Recovery is never gated here. Flink POJO.
 */
public class DrainGuard {
    /**
     * Guard limits. Defaults: 3 drains per 10 min and 5% of the fleet. Expected hardware failures are ~6.5 per 1,000
     * node-days (Meta RSC, domain.md §2.5) and ~7.8/day on 2,048 Llama 3 nodes (§2.3), i.e. well under 0.1 per
     * 10 minutes even on large fleets, so a 4th drain inside 10 minutes almost surely has a common cause (switch,
     * driver image, a bad rule) that draining cannot fix. 5% matches the spare capacity NCSA Delta found necessary
     * (§2.6). Hold: a drained node stays counted for 6 h unless a recovery is reported first.
     *
     * @param fleetSize configured node count; 0 means learn it from the nodes seen
     */
    public record Config(int maxDrainsPerWindow, long windowMs, double maxFleetFraction, long holdMs, int fleetSize) {
        public static final Config DEFAULTS = new Config(3, 10 * 60_000L, 0.05, 6 * 3_600_000L, 0);

        public Config {
            if (maxDrainsPerWindow < 1 || windowMs <= 0 || holdMs <= 0 || fleetSize < 0
                    || !(maxFleetFraction > 0 && maxFleetFraction <= 1)) {
                throw new IllegalArgumentException("drain guard config out of range: maxDrainsPerWindow >= 1, "
                        + "windowMs > 0, 0 < maxFleetFraction <= 1, holdMs > 0, fleetSize >= 0; got " + this);
            }
        }
    }

    private int maxDrainsPerWindow = Config.DEFAULTS.maxDrainsPerWindow();
    private long windowMs = Config.DEFAULTS.windowMs();
    private double maxFleetFraction = Config.DEFAULTS.maxFleetFraction();
    private long holdMs = Config.DEFAULTS.holdMs();
    private int fleetSize;
    /** node -> when its drain was allowed. */
    private Map<String, Long> activeDrains = new TreeMap<>();
    /** times of allowed drains, oldest first, within the rate window. */
    private List<Long> recentDrains = new ArrayList<>();
    /** Nodes that report telemetry now: the learned fleet. */
    private int nodesReporting;

    public DrainGuard() {}

    public DrainGuard(Config config) {
        this.maxDrainsPerWindow = config.maxDrainsPerWindow();
        this.windowMs = config.windowMs();
        this.maxFleetFraction = config.maxFleetFraction();
        this.holdMs = config.holdMs();
        this.fleetSize = config.fleetSize();
    }

    /** A node started reporting telemetry: it counts towards the learned fleet size until {@link #nodeLeft}. */
    public void nodeJoined() {
        nodesReporting++;
    }

    /** A node that had joined went silent for good (its telemetry state expired): the learned fleet shrinks. */
    public void nodeLeft() {
        nodesReporting = Math.max(0, nodesReporting - 1);
    }

    /** Whether the guard holds nothing at {@code ts}: no reporting node, no drain within its hold or rate window. */
    public boolean idle(long ts) {
        expire(ts);
        return nodesReporting == 0 && activeDrains.isEmpty() && recentDrains.isEmpty();
    }

    /** Decides whether {@code node} may be drained at {@code ts}; an allowed drain is recorded as active. */
    public DrainVerdict decide(String node, long ts) {
        expire(ts);
        Long drainedAt = activeDrains.get(node);
        if (drainedAt != null) {
            return DrainVerdict.duplicate("node " + node + " already drained at " + drainedAt);
        }
        if (recentDrains.size() >= maxDrainsPerWindow) {
            return DrainVerdict.suppress("rate limit: " + recentDrains.size() + " drains in the last "
                    + windowMs / 60_000 + " min (max " + maxDrainsPerWindow + ")");
        }
        int fleet = effectiveFleetSize();
        int allowance = allowance();
        if (activeDrains.size() >= allowance) {
            return DrainVerdict.suppress("fleet limit: " + activeDrains.size() + " of " + fleet
                    + " nodes already drained (max " + Math.round(maxFleetFraction * 100) + "% = " + allowance + ")");
        }
        activeDrains.put(node, ts);
        recentDrains.add(ts);
        return DrainVerdict.allow();
    }

    /** The node is back in service (undrained or recovered): it frees fleet capacity at once. */
    public void recovered(String node) {
        activeDrains.remove(node);
    }

    /** Nodes the guard currently counts as drained. */
    public int activeDrainCount(long ts) {
        expire(ts);
        return activeDrains.size();
    }

    /** How many nodes may be drained at once: F% of the fleet, at least one. */
    public int allowance() {
        return Math.max(1, (int) Math.floor(effectiveFleetSize() * maxFleetFraction));
    }

    private int effectiveFleetSize() {
        return fleetSize > 0 ? fleetSize : nodesReporting;
    }

    private void expire(long ts) {
        activeDrains.entrySet().removeIf(e -> ts - e.getValue() >= holdMs);
        recentDrains.removeIf(t -> t <= ts - windowMs);
    }

    public int getMaxDrainsPerWindow() { return maxDrainsPerWindow; }
    public void setMaxDrainsPerWindow(int maxDrainsPerWindow) { this.maxDrainsPerWindow = maxDrainsPerWindow; }
    public long getWindowMs() { return windowMs; }
    public void setWindowMs(long windowMs) { this.windowMs = windowMs; }
    public double getMaxFleetFraction() { return maxFleetFraction; }
    public void setMaxFleetFraction(double maxFleetFraction) { this.maxFleetFraction = maxFleetFraction; }
    public long getHoldMs() { return holdMs; }
    public void setHoldMs(long holdMs) { this.holdMs = holdMs; }
    public int getFleetSize() { return fleetSize; }
    public void setFleetSize(int fleetSize) { this.fleetSize = fleetSize; }
    public Map<String, Long> getActiveDrains() { return activeDrains; }
    public void setActiveDrains(Map<String, Long> activeDrains) { this.activeDrains = activeDrains; }
    public List<Long> getRecentDrains() { return recentDrains; }
    public void setRecentDrains(List<Long> recentDrains) { this.recentDrains = recentDrains; }
    public int getNodesReporting() { return nodesReporting; }
    public void setNodesReporting(int nodesReporting) { this.nodesReporting = nodesReporting; }
}
