package io.ballast.benchmarks;

import io.ballast.jobs.hardware.NodeHardware;
import io.ballast.jobs.state.StateTypes;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a checkpoint of the hardware stage writes per node, for a whole fleet: NIC baselines (8 ports, 17 counters) and
 * GPU baselines (8 GPUs, 6 counters) of every node, as the heap backend's snapshot walks them. The fleet is the
 * bench's 100,000 events/s fleet (31,208 nodes); state built by the same updates the job makes, in arrival order.
 * {@code changedPercent}: the share of nodes whose GPUs, and the share whose ports, reported since the last checkpoint
 * (each every 5 s, half an interval apart; a checkpoint every second or so: 20); the parts that did not go out as the
 * bytes they were checkpointed as.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StateSnapshotBenchmark {
    static final long T0 = 1_795_486_326_000L;
    static final List<String> NIC = List.of("symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
            "port_rcv_remote_physical_errors", "port_rcv_switch_relay_errors", "port_xmit_discards", "port_xmit_constraint_errors",
            "port_rcv_constraint_errors", "local_link_integrity_errors", "excessive_buffer_overrun_errors", "VL15_dropped",
            "port_xmit_data", "port_rcv_data", "port_xmit_packets", "port_rcv_packets", "port_xmit_wait");
    static final List<String> GPU = List.of("ecc_sbe_volatile_total", "ecc_dbe_volatile_total", "nvlink_crc_errors_total",
            "nvlink_replay_errors_total", "nvlink_recovery_errors_total", "pcie_replay_total");

    @Param("31208")
    public int nodes;

    @Param({"100", "20"})
    public int changedPercent;

    private NodeHardware[] fleet;
    private TypeSerializer<NodeHardware> serializer;
    private DataOutputSerializer out;
    private int nextChanged;
    private long nextTs = T0 + 10_000;

    @Setup
    public void setUp() {
        fleet = new NodeHardware[nodes];
        for (int i = 0; i < nodes; i++) {
            fleet[i] = new NodeHardware(7);
        }
        // Two rounds of samples, interleaved across the fleet as they arrive: objects of one node end up apart in the heap.
        for (int round = 0; round < 2; round++) {
            long ts = T0 + round * 5_000L;
            for (int port = 0; port < 8; port++) {
                for (int i = 0; i < nodes; i++) {
                    fleet[i].tracker("mlx5_" + port, 1).update("boot-" + i, ts, counters(NIC, i + port + round));
                    fleet[i].track(port).counters.update("GPU-" + i + "-" + port, ts, counters(GPU, round));
                    fleet[i].seen(ts);
                }
            }
        }
        serializer = StateTypes.NODE_HARDWARE.createSerializer(new SerializerConfigImpl());
        out = new DataOutputSerializer(256 << 20);
    }

    private static Map<String, Long> counters(List<String> names, long base) {
        Map<String, Long> c = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            c.put(names.get(k), k < 12 ? base % 3 : base * 1_000_003L + k);
        }
        return c;
    }

    /**
     * The nodes' parts that reported since the last checkpoint, in turn across the fleet as the collectors' phases are:
     * a node's GPUs and its NIC ports report half an interval apart, each making its part one to encode again.
     */
    @Setup(Level.Invocation)
    public void report() {
        int changed = (int) ((long) nodes * changedPercent / 100);
        for (int k = 0; k < changed; k++) {
            int gpus = (nextChanged + k) % nodes;
            fleet[gpus].track(0);
            fleet[gpus].seen(nextTs);
            int ports = (gpus + nodes / 2) % nodes;
            fleet[ports].tracker("mlx5_0", 1);
            fleet[ports].seen(nextTs);
        }
        nextChanged = (nextChanged + changed) % nodes;
        nextTs++;
    }

    /** One checkpoint's worth of the per-node hardware state. */
    @Benchmark
    public int snapshotFleet() throws IOException {
        out.clear();
        for (int i = 0; i < nodes; i++) {
            serializer.serialize(fleet[i], out);
        }
        return out.length();
    }
}
