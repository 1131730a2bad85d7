package io.ballast.sim;

import io.ballast.events.NicCounters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** One ConnectX-7 port on one plane: sysfs-style cumulative counters, data growing at a busy training rate. */
final class NicState {
    /** ~12 GB/s each way on a 400 Gb/s port, in the 4-octet units of port_xmit_data / port_rcv_data. */
    private static final double DATA_UNITS_PER_MS = 12e9 / 4 / 1000;
    private static final String[] ERROR_COUNTERS = {"symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
            "port_rcv_remote_physical_errors", "port_xmit_discards", "excessive_buffer_overrun_errors", "local_link_integrity_errors"};

    final String device;
    final int plane;
    final String leafSwitch;
    private final Map<String, Long> counters = new LinkedHashMap<>();

    NicState(int plane, String leafSwitch, long uptimeMs, SplittableRandom random) {
        this.device = "mlx5_" + plane;
        this.plane = plane;
        this.leafSwitch = leafSwitch;
        reset();
        advance(uptimeMs, random);
    }

    /** Counters restart from zero, as after a reboot or driver reload. */
    void reset() {
        for (String name : ERROR_COUNTERS) {
            counters.put(name, 0L);
        }
        for (String name : new String[]{"port_xmit_data", "port_rcv_data", "port_xmit_packets", "port_rcv_packets",
                "port_xmit_wait", "out_of_sequence", "np_cnp_sent", "rp_cnp_handled", "np_ecn_marked_roce_packets"}) {
            counters.put(name, 0L);
        }
    }

    void advance(long ms, SplittableRandom random) {
        if (ms <= 0) {
            return;
        }
        double load = 0.9 + 0.2 * random.nextDouble();
        long xmit = (long) (ms * DATA_UNITS_PER_MS * load);
        long rcv = (long) (ms * DATA_UNITS_PER_MS * (load + 0.01 * random.nextGaussian()));
        add("port_xmit_data", xmit);
        add("port_rcv_data", rcv);
        add("port_xmit_packets", xmit / 1024);
        add("port_rcv_packets", rcv / 1024);
        add("port_xmit_wait", ms * (200 + random.nextInt(100)));
        add("np_cnp_sent", ms / 100 + random.nextInt(5));
        add("rp_cnp_handled", ms / 100 + random.nextInt(5));
        add("np_ecn_marked_roce_packets", ms / 80 + random.nextInt(5));
        if (random.nextInt(20) == 0) {
            add("out_of_sequence", 1);
        }
    }

    void add(String counter, long delta) {
        counters.merge(counter, Math.max(0, delta), Long::sum);
    }

    long counter(String name) {
        return counters.get(name);
    }

    NicCounters sample(String cluster, String node, String bootId, long ts) {
        return NicCounters.newBuilder()
                .setTs(ts).setCluster(cluster).setNode(node).setDevice(device).setPort(1).setPlane(plane)
                .setSwitch$(leafSwitch).setLinkState("ACTIVE").setBootId(bootId)
                .setCounters(new LinkedHashMap<>(counters))
                .build();
    }
}
