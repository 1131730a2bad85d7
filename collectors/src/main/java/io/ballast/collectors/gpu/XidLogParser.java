package io.ballast.collectors.gpu;

import io.ballast.events.Xid;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a kernel log line into an {@link Xid}: {@code NVRM: Xid (PCI:0000:3b:00): 79, pid=..., ...} as printed by
 * dmesg, read from {@code /dev/kmsg}, or shown by {@code journalctl -k} (default or {@code -o short-iso}).
 * Event time comes from a short-iso timestamp when the line has one; dmesg and kmsg times count from boot and
 * classic syslog times lack year and zone, so those lines take the time the collector read them.
 */
public final class XidLogParser {
    private static final Pattern XID = Pattern.compile(
            "NVRM: Xid \\((?:PCI:)?([0-9A-Fa-f]{1,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(?:\\.[0-7])?)\\): (\\d+),\\s*(.*)$");
    private static final Pattern PID = Pattern.compile("^pid=(?:(\\d+)|'?<unknown>'?)");
    private static final Pattern ISO_PREFIX = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+)\\s");
    private static final DateTimeFormatter SHORT_ISO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private final String node;
    private final String cluster;

    /** {@code cluster} may be null (the default cluster). */
    public XidLogParser(String node, String cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    /**
     * The Xid on {@code line}, or empty when the line is not an Xid report. {@code readAtMs} is the event time
     * when the line carries no absolute one; {@code busMap} resolves the GPU index.
     */
    public Optional<Xid> parse(String line, long readAtMs, GpuBusMap busMap) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher xid = XID.matcher(line);
        if (!xid.find()) {
            return Optional.empty();
        }
        String busId = PciBusIds.normalize(xid.group(1)).orElse(xid.group(1));
        String message = xid.group(3).trim();
        Matcher pid = PID.matcher(message);
        Integer pidValue = pid.find() && pid.group(1) != null ? Integer.valueOf(pid.group(1)) : null;
        return Optional.of(Xid.newBuilder()
                .setTs(timestamp(line).orElse(readAtMs))
                .setCluster(cluster)
                .setNode(node)
                .setGpu(busMap.indexOf(busId).orElse(null))
                .setPciBusId(busId)
                .setXid(Integer.parseInt(xid.group(2)))
                .setPid(pidValue)
                .setMessage(message)
                .build());
    }

    private static Optional<Long> timestamp(String line) {
        Matcher iso = ISO_PREFIX.matcher(line);
        if (!iso.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso.group(1), SHORT_ISO).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
