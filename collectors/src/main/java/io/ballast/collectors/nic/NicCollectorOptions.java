package io.ballast.collectors.nic;

import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.NodeNames;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the NIC collector.
 *
 * @param node         name stamped on every record (default: this host's name)
 * @param cluster      cluster name, null for the default cluster
 * @param sysfsRoot    directory holding {@code sys/} and {@code proc/} ({@code /} on a live node)
 * @param topologyFile device -> plane/leaf switch file (see {@link NicTopology}); null when there is none
 * @param kafka        where the records go, for whoever builds the publisher; null when not publishing to Kafka
 */
public record NicCollectorOptions(String node, String cluster, Duration interval, Path sysfsRoot, Path topologyFile,
                                  KafkaPublisherOptions kafka) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public NicCollectorOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("collector interval must be positive, got " + interval);
        }
    }

    public static NicCollectorOptions defaults(KafkaPublisherOptions kafka) {
        return new NicCollectorOptions(NodeNames.local(), null, DEFAULT_INTERVAL, Path.of("/"), null, kafka);
    }

    public NicCollectorOptions withNode(String node) {
        return new NicCollectorOptions(node, cluster, interval, sysfsRoot, topologyFile, kafka);
    }

    public NicCollectorOptions withCluster(String cluster) {
        return new NicCollectorOptions(node, cluster, interval, sysfsRoot, topologyFile, kafka);
    }

    public NicCollectorOptions withInterval(Duration interval) {
        return new NicCollectorOptions(node, cluster, interval, sysfsRoot, topologyFile, kafka);
    }

    public NicCollectorOptions withSysfsRoot(Path sysfsRoot) {
        return new NicCollectorOptions(node, cluster, interval, sysfsRoot, topologyFile, kafka);
    }

    public NicCollectorOptions withTopologyFile(Path topologyFile) {
        return new NicCollectorOptions(node, cluster, interval, sysfsRoot, topologyFile, kafka);
    }
}
