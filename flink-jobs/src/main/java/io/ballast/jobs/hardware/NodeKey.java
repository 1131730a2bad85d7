package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.config.Configs;

import org.apache.flink.types.Either;

/**
 * The key of a node's hardware state: cluster and node joined by '/'. Either name may contain '/', so the key is
 * split back by the cluster name's length, which the state keeps.
 */
public final class NodeKey {
    private NodeKey() {}

    public static String of(String cluster, String node) {
        return cluster + "/" + node;
    }

    /** The key of an input of {@link NodeHardwareFunction}. */
    public static String ofHardware(Either<NicCounters, Either<Xid, GpuSample>> e) {
        if (e.isLeft()) {
            return of(Configs.cluster(e.left().getCluster()), e.left().getNode());
        }
        Either<Xid, GpuSample> r = e.right();
        return r.isLeft() ? of(Configs.cluster(r.left().getCluster()), r.left().getNode())
                : of(Configs.cluster(r.right().getCluster()), r.right().getNode());
    }

    static String cluster(String key, int clusterLength) {
        return key.substring(0, clusterLength);
    }

    static String node(String key, int clusterLength) {
        return key.substring(clusterLength + 1);
    }
}
