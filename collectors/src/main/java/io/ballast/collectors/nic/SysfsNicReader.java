package io.ballast.collectors.nic;

import io.ballast.events.NicCounters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads NIC counters from sysfs under {@code root} ({@code /} on a live node): every InfiniBand/RoCE port under
 * {@code sys/class/infiniband/<dev>/ports/<n>} (state, {@code counters/}, {@code hw_counters/}) and every netdev
 * under {@code sys/class/net/<if>} ({@code statistics/}, {@code operstate}; device = interface name, port 1).
 * A file that cannot be read is skipped; the rest of the port still reports.
 */
public final class SysfsNicReader {
    private static final Logger LOG = LoggerFactory.getLogger(SysfsNicReader.class);
    /** Written by the boot, so a new value means every counter restarted from zero. */
    static final String UNKNOWN_BOOT_ID = "unknown";

    private final Path root;

    public SysfsNicReader(Path root) {
        this.root = root;
    }

    /** NicCounters for every port, stamped and placed with {@code topology}. */
    public List<NicCounters> read(String node, String cluster, long ts, NicTopology topology) {
        String bootId = bootId();
        List<NicCounters> records = new ArrayList<>();
        for (NicPort port : readPorts()) {
            Optional<NicTopology.Placement> placement = topology.placement(port.device());
            records.add(NicCounters.newBuilder()
                    .setTs(ts)
                    .setCluster(cluster)
                    .setNode(node)
                    .setDevice(port.device())
                    .setPort(port.port())
                    .setPlane(placement.map(NicTopology.Placement::plane).orElse(null))
                    .setSwitch$(placement.map(NicTopology.Placement::leafSwitch).orElse(null))
                    .setLinkState(port.linkState())
                    .setBootId(bootId)
                    .setCounters(port.counters())
                    .build());
        }
        return records;
    }

    public List<NicPort> readPorts() {
        List<NicPort> ports = new ArrayList<>();
        for (Path device : list(root.resolve("sys/class/infiniband"))) {
            for (Path port : list(device.resolve("ports"))) {
                Optional<Integer> number = portNumber(port);
                if (number.isEmpty()) {
                    continue;
                }
                Map<String, Long> counters = new TreeMap<>();
                readCounters(port.resolve("counters"), counters);
                readCounters(port.resolve("hw_counters"), counters);
                ports.add(new NicPort(name(device), number.get(), readText(port.resolve("state")).map(SysfsNicReader::ibState).orElse(null), counters));
            }
        }
        for (Path netdev : list(root.resolve("sys/class/net"))) {
            Map<String, Long> counters = new TreeMap<>();
            readCounters(netdev.resolve("statistics"), counters);
            if (!counters.isEmpty()) {
                ports.add(new NicPort(name(netdev), 1, readText(netdev.resolve("operstate")).map(SysfsNicReader::operState).orElse(null), counters));
            }
        }
        return ports;
    }

    /** The kernel's boot id, or {@value #UNKNOWN_BOOT_ID} when it cannot be read. */
    public String bootId() {
        return readText(root.resolve("proc/sys/kernel/random/boot_id")).orElseGet(() -> {
            LOG.warn("cannot read the boot id under {}: counter resets at reboot will only be seen as decreases", root);
            return UNKNOWN_BOOT_ID;
        });
    }

    /** {@code 4: ACTIVE} -> {@code ACTIVE}. */
    static String ibState(String raw) {
        int colon = raw.indexOf(':');
        return (colon < 0 ? raw : raw.substring(colon + 1)).trim().toUpperCase(Locale.ROOT);
    }

    /** Netdev {@code up} reads as IB's {@code ACTIVE} so that one link-state vocabulary covers both. */
    static String operState(String raw) {
        String state = raw.trim().toUpperCase(Locale.ROOT);
        return switch (state) {
            case "UP" -> "ACTIVE";
            case "LOWERLAYERDOWN" -> "DOWN";
            default -> state;
        };
    }

    private static void readCounters(Path dir, Map<String, Long> into) {
        for (Path file : list(dir)) {
            String name = name(file);
            // lifespan is the hw_counters cache setting, not a counter.
            if (name.equals("lifespan") || into.containsKey(name)) {
                continue;
            }
            readText(file).flatMap(text -> counter(file, text)).ifPresent(value -> into.put(name, value));
        }
    }

    private static Optional<Long> counter(Path file, String text) {
        try {
            long value = Long.parseUnsignedLong(text);
            // A u64 beyond the signed range cannot be sent; the contract wants counters >= 0.
            return Optional.of(value < 0 ? Long.MAX_VALUE : value);
        } catch (NumberFormatException e) {
            LOG.debug("skipping {}: not a counter ('{}')", file, text);
            return Optional.empty();
        }
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            LOG.debug("skipping unreadable {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Integer> portNumber(Path port) {
        try {
            return Optional.of(Integer.parseInt(name(port)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }

    /** Entries of {@code dir} sorted by name; empty when it does not exist or cannot be listed. */
    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        entries.sort(null);
        return entries;
    }
}
