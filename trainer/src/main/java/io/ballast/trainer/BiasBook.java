package io.ballast.trainer;

import io.ballast.events.BiasUpdate;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest bias_update per MoE layer of one job. Idempotent by version: a duplicate or an older version (a
 * redelivery, a replayed compacted topic) never moves a layer backwards. Not thread-safe.
 */
public final class BiasBook {
    private final String job;
    private final String cluster;
    private final Map<Integer, BiasUpdate> latest = new TreeMap<>();

    /** @param cluster the job's cluster, null for "default" */
    public BiasBook(String job, String cluster) {
        this.job = job;
        this.cluster = cluster == null ? "default" : cluster;
    }

    /** Takes an update if it is for this job and newer than what the layer has; returns whether it was applied. */
    public boolean offer(BiasUpdate update) {
        if (!job.equals(update.getJob().toString())) {
            return false;
        }
        String updateCluster = update.getCluster() == null ? "default" : update.getCluster().toString();
        if (!cluster.equals(updateCluster)) {
            return false;
        }
        BiasUpdate known = latest.get(update.getLayer());
        if (known != null && known.getVersion() >= update.getVersion()) {
            return false;
        }
        latest.put(update.getLayer(), update);
        return true;
    }

    public Optional<BiasUpdate> latest(int layer) {
        return Optional.ofNullable(latest.get(layer));
    }

    /** The layer's full bias vector to add to routing scores for expert selection, or empty before the first update. */
    public Optional<double[]> bias(int layer) {
        return latest(layer).map(u -> u.getBias().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Version applied for the layer, 0 before the first. */
    public long version(int layer) {
        return latest(layer).map(BiasUpdate::getVersion).orElse(0L);
    }
}
