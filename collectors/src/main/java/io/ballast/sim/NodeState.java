package io.ballast.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** One node: its GPUs, its NICs (one per plane), its boot id, and whether it is down for a reboot. */
final class NodeState {
    final int index;
    final String name;
    final List<GpuState> gpus = new ArrayList<>();
    final List<NicState> nics = new ArrayList<>();
    final SplittableRandom random;
    String bootId;
    /** Until this event time the node is rebooting and reports nothing. */
    long downUntil = Long.MIN_VALUE;

    NodeState(SimConfig config, int index) {
        this.index = index;
        this.name = config.nodeName(index);
        this.random = Seeds.random(config.seed(), "node/" + name);
        this.bootId = newBootId();
        for (int g = 0; g < config.gpusPerNode(); g++) {
            gpus.add(new GpuState(g, random));
        }
        long uptimeMs = 86_400_000L * (1 + random.nextInt(30));
        for (int p = 0; p < config.planes(); p++) {
            nics.add(new NicState(p, config.leafSwitch(index, p), uptimeMs, random));
        }
    }

    boolean isDown(long ts) {
        return ts < downUntil;
    }

    /** Goes down until {@code upAt}; comes back with a new boot id and NIC counters from zero. */
    void reboot(long upAt) {
        downUntil = upAt;
        bootId = newBootId();
        nics.forEach(NicState::reset);
    }

    private String newBootId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
