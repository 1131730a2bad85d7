package io.ballast.rules.hardware;

import java.util.Map;

/**
 * Widths and overflow behaviour of cumulative counters, from the kernel's PortCounters table (domain.md §4.2).
 * Error counters saturate at their maximum; data/packet counters wrap; anything unlisted is a 64-bit wrapping counter.
 */
public final class CounterWidths {
    /** How a counter behaves at its maximum. */
    public enum Overflow { SATURATES, WRAPS }

    /** Width in bits and overflow behaviour of one counter. */
    public record Width(int bits, Overflow overflow) {
        /** Largest value the counter can hold, as an unsigned long. */
        public long max() {
            return bits >= 64 ? -1L : (1L << bits) - 1;
        }
    }

    private static final Width WRAPPING_64 = new Width(64, Overflow.WRAPS);

    private static final Map<String, Width> IB_PORT_COUNTERS = Map.ofEntries(
            Map.entry("local_link_integrity_errors", new Width(4, Overflow.SATURATES)),
            Map.entry("excessive_buffer_overrun_errors", new Width(4, Overflow.SATURATES)),
            Map.entry("link_error_recovery", new Width(8, Overflow.SATURATES)),
            Map.entry("link_downed", new Width(8, Overflow.SATURATES)),
            Map.entry("port_xmit_constraint_errors", new Width(8, Overflow.SATURATES)),
            Map.entry("port_rcv_constraint_errors", new Width(8, Overflow.SATURATES)),
            Map.entry("symbol_error", new Width(16, Overflow.SATURATES)),
            Map.entry("port_rcv_errors", new Width(16, Overflow.SATURATES)),
            Map.entry("port_rcv_remote_physical_errors", new Width(16, Overflow.SATURATES)),
            Map.entry("port_rcv_switch_relay_errors", new Width(16, Overflow.SATURATES)),
            Map.entry("port_xmit_discards", new Width(16, Overflow.SATURATES)),
            Map.entry("VL15_dropped", new Width(16, Overflow.SATURATES)),
            // 32-bit even on extended-capable devices (domain.md §4.2 implication 4).
            Map.entry("port_xmit_wait", new Width(32, Overflow.SATURATES)));

    /** Widths of the well-known counters by {@link CounterNames} id: the per-sample lookup without hashing a name. */
    private static final Width[] BY_ID = new Width[CounterNames.count()];

    static {
        for (int id = 0; id < BY_ID.length; id++) {
            BY_ID[id] = of(CounterNames.nameOf(id));
        }
    }

    private CounterWidths() {}

    /** The width of a well-known counter by its {@link CounterNames} id. */
    static Width ofId(int id) {
        return BY_ID[id];
    }

    /** The width of a counter by its sysfs name; unknown names are 64-bit wrapping counters. */
    public static Width of(String name) {
        return IB_PORT_COUNTERS.getOrDefault(name, WRAPPING_64);
    }
}
