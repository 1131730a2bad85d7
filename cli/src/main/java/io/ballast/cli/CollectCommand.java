package io.ballast.cli;

import io.ballast.collectors.gpu.GpuCollector;
import io.ballast.collectors.gpu.GpuCollectorOptions;
import io.ballast.collectors.gpu.KernelLogSource;
import io.ballast.collectors.nic.NicCollector;
import io.ballast.collectors.nic.NicCollectorOptions;
import io.ballast.collectors.publish.KafkaPublisherOptions;
import io.ballast.collectors.publish.KafkaRecordPublisher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs a collector on this node until stopped: GPU (nvidia-smi and the kernel log's Xids) or NIC (sysfs counters). */
@Command(name = "collect", mixinStandardHelpOptions = true, description = "Stream this node's GPU or NIC telemetry to Kafka.",
        subcommands = {CollectCommand.Gpu.class, CollectCommand.Nic.class})
final class CollectCommand {
    /** Options every collector shares. */
    static final class Common {
        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String kafka;

        @Option(names = "--kafka-properties", paramLabel = "FILE",
                description = "Kafka client properties (security.protocol, sasl.*, ssl.*); BALLAST_KAFKA_* env vars override them.")
        Path kafkaProperties;

        @Option(names = "--interval", defaultValue = "5s", description = "Sampling interval (default ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--node", paramLabel = "NAME", description = "Node name (default: this host's name).")
        String node;

        @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name (default: none, i.e. \"default\").")
        String cluster;

        KafkaPublisherOptions publisher() {
            return KafkaPublisherOptions.resolve(kafka, kafkaProperties, System.getenv());
        }
    }

    @Command(name = "gpu", mixinStandardHelpOptions = true, description = "nvidia-smi samples and kernel-log Xids of this node's GPUs.")
    static final class Gpu implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--kernel-log", defaultValue = "journalctl",
                description = "Where Xids come from: journalctl, kmsg, none, or a file to follow (default ${DEFAULT-VALUE}).")
        String kernelLog;

        @Override
        public Integer call() throws Exception {
            GpuCollectorOptions options = GpuCollectorOptions.defaults(common.publisher())
                    .withInterval(common.interval).withKernelLog(KernelLogSource.parse(kernelLog));
            options = common.node != null ? options.withNode(common.node) : options;
            options = common.cluster != null ? options.withCluster(common.cluster) : options;
            try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(options.kafka())) {
                GpuCollector collector = new GpuCollector(options, publisher);
                runUntilStopped(collector::start, collector::close, "gpu collector on " + options.node());
            }
            return 0;
        }
    }

    @Command(name = "nic", mixinStandardHelpOptions = true, description = "InfiniBand/RoCE port counters and netdev statistics from sysfs.")
    static final class Nic implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--sysfs-root", defaultValue = "/", description = "Root holding sys/class/... and proc/... (default ${DEFAULT-VALUE}).")
        Path sysfsRoot;

        @Option(names = "--topology", paramLabel = "FILE", description = "Device-to-plane/leaf-switch map, lines like 'mlx5_0 plane=0 switch=leaf-p0-03'.")
        Path topology;

        @Override
        public Integer call() throws Exception {
            NicCollectorOptions options = NicCollectorOptions.defaults(common.publisher())
                    .withInterval(common.interval).withSysfsRoot(sysfsRoot);
            options = topology != null ? options.withTopologyFile(topology) : options;
            options = common.node != null ? options.withNode(common.node) : options;
            options = common.cluster != null ? options.withCluster(common.cluster) : options;
            try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(options.kafka())) {
                NicCollector collector = new NicCollector(options, publisher);
                runUntilStopped(collector::start, collector::close, "nic collector on " + options.node());
            }
            return 0;
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /** Starts, then blocks until Ctrl-C / SIGTERM, and stops cleanly. */
    static void runUntilStopped(Action start, Action stop, String what) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } catch (Exception e) {
                System.err.println("ballast collect: stopping " + what + ": " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        start.run();
        System.err.println("ballast collect: " + what + " running; Ctrl-C stops it");
        stopped.await();
    }
}
