package io.ballast.sim;

import io.ballast.events.GpuSample;

import java.util.SplittableRandom;
import java.util.UUID;

/** One simulated H100: steady readings around its own baseline, and the cumulative counters a fault bumps. */
final class GpuState {
    /** Bus ids of the eight GPUs of an HGX H100 board. */
    private static final String[] PCI_BUS_IDS = {"0000:18:00.0", "0000:2A:00.0", "0000:3A:00.0", "0000:5D:00.0",
            "0000:9A:00.0", "0000:AB:00.0", "0000:BA:00.0", "0000:DB:00.0"};

    /** H100 SXM board power limit: the GPU throttles rather than draw more. */
    private static final double POWER_LIMIT_W = 700;

    final int index;
    final String uuid;
    final String pciBusId;
    private final double baseTemp;
    private final double basePower;
    long eccDbe;
    long remappedUncorrectable;
    boolean remapFailure;
    boolean offTheBus;

    GpuState(int index, SplittableRandom random) {
        this.index = index;
        this.uuid = "GPU-" + new UUID(random.nextLong(), random.nextLong());
        this.pciBusId = index < PCI_BUS_IDS.length ? PCI_BUS_IDS[index] : String.format("0000:%02X:00.0", 0xE0 + index);
        this.baseTemp = 58 + 6 * random.nextDouble();
        this.basePower = 560 + 80 * random.nextDouble();
    }

    GpuSample sample(String cluster, String node, long ts, SplittableRandom random) {
        double temp = round1(baseTemp + random.nextGaussian());
        return GpuSample.newBuilder()
                .setTs(ts).setCluster(cluster).setNode(node).setGpu(index).setUuid(uuid)
                .setTempC(temp)
                .setMemTempC(round1(temp + 8 + random.nextGaussian()))
                .setPowerW(round1(Math.min(POWER_LIMIT_W, basePower + 20 * random.nextGaussian())))
                .setSmClockMhz(1980.0)
                .setUtilPct((double) Math.min(100, 95 + random.nextInt(6)))
                .setMemUsedMib(71_000.0 + 64 * random.nextInt(40))
                .setEccSbeVolatileTotal(0L).setEccDbeVolatileTotal(eccDbe)
                .setEccSbeAggregateTotal(0L).setEccDbeAggregateTotal(eccDbe)
                .setRemappedRowsCorrectable(0L).setRemappedRowsUncorrectable(remappedUncorrectable)
                .setRemapPending(false).setRemapFailure(remapFailure)
                .setNvlinkCrcErrorsTotal(0L).setNvlinkReplayErrorsTotal(0L).setNvlinkRecoveryErrorsTotal(0L)
                .setPcieReplayTotal(0L)
                .setThrottleReasons(0L)
                .build();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
