package io.ballast.jobs.hardware;

import io.ballast.events.Xid;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.io.NodeMessage;

import org.apache.flink.api.java.functions.KeySelector;
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
    public static String ofHardware(Either<NodeMessage, Xid> e) {
        return new OfHardware().getKey(e);
    }

    /**
     * {@link #ofHardware} as the hardware stage's key selector, keeping the last key: a node's GPUs and ports come one
     * after another with the very same name strings (decoders and the exchange hand out repeats), so most records'
     * keys cost two reference comparisons instead of a new string and its hash. One instance per task, as Flink
     * deserializes each.
     */
    public static final class OfHardware implements KeySelector<Either<NodeMessage, Xid>, String> {
        private static final long serialVersionUID = 1L;
        private transient String lastCluster;
        private transient String lastNode;
        private transient String lastKey;

        @Override
        public String getKey(Either<NodeMessage, Xid> e) {
            String cluster = e.isLeft() ? e.left().cluster : e.right().getCluster();
            String node = e.isLeft() ? e.left().node : e.right().getNode();
            if (lastKey == null || node != lastNode || cluster != lastCluster) {
                lastKey = of(Configs.cluster(cluster), node);
                lastCluster = cluster;
                lastNode = node;
            }
            return lastKey;
        }
    }

    static String cluster(String key, int clusterLength) {
        return key.substring(0, clusterLength);
    }

    static String node(String key, int clusterLength) {
        return key.substring(clusterLength + 1);
    }
}
