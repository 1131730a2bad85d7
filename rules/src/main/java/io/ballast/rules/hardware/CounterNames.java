package io.ballast.rules.hardware;

import io.ballast.codec.CounterMap;

import java.util.List;

/**
 * Stable small ids for the well-known cumulative counters, so per-port and per-GPU baselines live in keyed state
 * as primitive arrays rather than maps of strings (checkpoints rewrite that state every interval).
 * Append only: the ids are in checkpoints and savepoints.
 */
public final class CounterNames {
    private static final List<String> KNOWN = List.of(
            // IB PortCounters (counters/)
            "symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors", "port_rcv_remote_physical_errors",
            "port_rcv_switch_relay_errors", "port_xmit_discards", "port_xmit_constraint_errors",
            "port_rcv_constraint_errors", "local_link_integrity_errors", "excessive_buffer_overrun_errors", "VL15_dropped",
            "port_xmit_data", "port_rcv_data", "port_xmit_packets", "port_rcv_packets", "port_xmit_wait",
            "unicast_xmit_packets", "unicast_rcv_packets", "multicast_xmit_packets", "multicast_rcv_packets",
            // mlx5 hw_counters/
            "out_of_sequence", "np_cnp_sent", "rp_cnp_handled", "np_ecn_marked_roce_packets", "out_of_buffer",
            "duplicate_request", "implied_nak_seq_err", "local_ack_timeout_err", "packet_seq_err", "req_cqe_error",
            "resp_cqe_error", "rnr_nak_retry_err", "rx_read_requests", "rx_write_requests", "rx_atomic_requests",
            "roce_adp_retrans", "roce_slow_restart", "req_remote_access_errors", "resp_remote_access_errors",
            // netdev statistics
            "rx_errors", "tx_errors", "rx_dropped", "tx_dropped", "rx_crc_errors", "carrier_changes",
            // GPU (nvidia-smi / NVML totals)
            "ecc_sbe_volatile_total", "ecc_dbe_volatile_total", "nvlink_crc_errors_total", "nvlink_replay_errors_total",
            "nvlink_recovery_errors_total", "pcie_replay_total");
    /**
     * Open addressing over the names' own (cached) hashes, at most a quarter full: a NIC sample looks up seventeen
     * names on each side of the exchange, and decoders hand over the very instances listed here, so a lookup is
     * nearly always one probe and one reference comparison, without boxing.
     */
    private static final String[] SLOTS = new String[Integer.highestOneBit(KNOWN.size() * 4 - 1) << 1];
    private static final int[] SLOT_IDS = new int[SLOTS.length];
    private static final int MASK = SLOTS.length - 1;

    static {
        for (int i = 0; i < KNOWN.size(); i++) {
            String name = KNOWN.get(i);
            int slot = slotOf(name);
            if (SLOTS[slot] != null) {
                throw new ExceptionInInitializerError("duplicate counter name " + name);
            }
            SLOTS[slot] = name;
            SLOT_IDS[slot] = i;
        }
    }

    private CounterNames() {}

    /** The id of a well-known counter, or -1. */
    public static int idOf(String name) {
        int slot = slotOf(name);
        return SLOTS[slot] == null ? -1 : SLOT_IDS[slot];
    }

    /** The id of a counter map's entry: the one it was added with ({@link CounterMap#idAt}), else {@link #idOf}. */
    public static int idOf(CounterMap counters, int i) {
        int id = counters.idAt(i);
        return id == CounterMap.NO_ID ? idOf(counters.nameAt(i)) : id;
    }

    /** The slot holding {@code name}, or the free slot where it would go. */
    private static int slotOf(String name) {
        int h = name.hashCode();
        for (int slot = (h ^ (h >>> 16)) & MASK; ; slot = (slot + 1) & MASK) {
            String held = SLOTS[slot];
            if (held == null || held == name || held.equals(name)) {
                return slot;
            }
        }
    }

    /** How many counters have ids: 0 .. count() - 1. */
    public static int count() {
        return KNOWN.size();
    }

    /** The name of an id from {@link #idOf}. */
    public static String nameOf(int id) {
        return KNOWN.get(id);
    }
}
