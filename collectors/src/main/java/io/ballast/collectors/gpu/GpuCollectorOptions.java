package io.ballast.collectors.gpu;

import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.NodeNames;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the GPU collector.
 *
 * @param node         name stamped on every record (default: this host's name)
 * @param cluster      cluster name, null for the default cluster
 * @param queryCommand prints {@code --query-gpu} CSV (default {@link NvidiaSmiCsvParser#COMMAND})
 * @param xmlCommand   prints {@code -q -x} XML for PCIe/NVLink counters and bus ids; empty to skip it
 * @param kafka        where the records go, for whoever builds the publisher; null when not publishing to Kafka
 */
public record GpuCollectorOptions(
        String node,
        String cluster,
        Duration interval,
        List<String> queryCommand,
        List<String> xmlCommand,
        Duration commandTimeout,
        KernelLogSource kernelLog,
        KafkaPublisherOptions kafka) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public GpuCollectorOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kernelLog, "kernelLog");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("collector interval must be positive, got " + interval);
        }
        if (queryCommand.isEmpty()) {
            throw new IllegalArgumentException("the nvidia-smi query command is empty");
        }
        queryCommand = List.copyOf(queryCommand);
        xmlCommand = List.copyOf(xmlCommand);
    }

    /** Every 5 s on this host: nvidia-smi CSV and XML, Xids from {@code journalctl -k -f}. */
    public static GpuCollectorOptions defaults(KafkaPublisherOptions kafka) {
        return new GpuCollectorOptions(NodeNames.local(), null, DEFAULT_INTERVAL, NvidiaSmiCsvParser.COMMAND,
                NvidiaSmiXmlParser.COMMAND, Duration.ofSeconds(30), KernelLogSource.journalctl(), kafka);
    }

    public GpuCollectorOptions withNode(String node) {
        return new GpuCollectorOptions(node, cluster, interval, queryCommand, xmlCommand, commandTimeout, kernelLog, kafka);
    }

    public GpuCollectorOptions withCluster(String cluster) {
        return new GpuCollectorOptions(node, cluster, interval, queryCommand, xmlCommand, commandTimeout, kernelLog, kafka);
    }

    public GpuCollectorOptions withInterval(Duration interval) {
        return new GpuCollectorOptions(node, cluster, interval, queryCommand, xmlCommand, commandTimeout, kernelLog, kafka);
    }

    public GpuCollectorOptions withCommands(List<String> queryCommand, List<String> xmlCommand) {
        return new GpuCollectorOptions(node, cluster, interval, queryCommand, xmlCommand, commandTimeout, kernelLog, kafka);
    }

    public GpuCollectorOptions withKernelLog(KernelLogSource kernelLog) {
        return new GpuCollectorOptions(node, cluster, interval, queryCommand, xmlCommand, commandTimeout, kernelLog, kafka);
    }
}
