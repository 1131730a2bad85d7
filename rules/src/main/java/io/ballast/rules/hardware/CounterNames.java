package io.ballast.rules.hardware;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < KNOWN.size(); i++) {
            if (IDS.put(KNOWN.get(i), i) != null) {
                throw new ExceptionInInitializerError("duplicate counter name " + KNOWN.get(i));
            }
        }
    }

    private CounterNames() {}

    /** The id of a well-known counter, or -1. */
    public static int idOf(String name) {
        Integer id = IDS.get(name);
        return id == null ? -1 : id;
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
