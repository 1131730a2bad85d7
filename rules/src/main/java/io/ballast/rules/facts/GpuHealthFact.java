package io.ballast.rules.facts;

/**
 * One GPU's health between two samples: ECC and row-remap state, NVLink and PCIe error rates and how long they
 * have been sustained. Deltas and rates come from {@link io.ballast.rules.hardware.CounterTracker}.
 */
public class GpuHealthFact {
    private String cluster;
    private String node;
    private int gpu;
    private long ts;
    private long dbeDelta;
    private double sbeRatePerMin;
    private boolean remapPending;
    private boolean remapFailure;
    private boolean retiredPagesPending;
    private double nvlinkErrorsPerMin;
    private double nvlinkMinutesSustained;
    private double pcieReplaysPerMin;
    private double pcieMinutesSustained;

    public GpuHealthFact() {}

    public GpuHealthFact(String cluster, String node, int gpu, long ts) {
        this.cluster = Clusters.orDefault(cluster);
        this.node = node;
        this.gpu = gpu;
        this.ts = ts;
    }

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public int getGpu() { return gpu; }
    public void setGpu(int gpu) { this.gpu = gpu; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }
    /** New double-bit (uncorrectable) ECC errors since the previous sample. */
    public long getDbeDelta() { return dbeDelta; }
    public void setDbeDelta(long dbeDelta) { this.dbeDelta = dbeDelta; }
    /** Corrected (single-bit) ECC errors per minute. */
    public double getSbeRatePerMin() { return sbeRatePerMin; }
    public void setSbeRatePerMin(double sbeRatePerMin) { this.sbeRatePerMin = sbeRatePerMin; }
    /** A row remap waits for a GPU reset. */
    public boolean isRemapPending() { return remapPending; }
    public void setRemapPending(boolean remapPending) { this.remapPending = remapPending; }
    /** Row remapping failed. */
    public boolean isRemapFailure() { return remapFailure; }
    public void setRemapFailure(boolean remapFailure) { this.remapFailure = remapFailure; }
    /** Pre-Ampere page retirement waits for a reset. */
    public boolean isRetiredPagesPending() { return retiredPagesPending; }
    public void setRetiredPagesPending(boolean retiredPagesPending) { this.retiredPagesPending = retiredPagesPending; }
    /** NVLink CRC + replay + recovery errors per minute (DCGM expects 0). */
    public double getNvlinkErrorsPerMin() { return nvlinkErrorsPerMin; }
    public void setNvlinkErrorsPerMin(double nvlinkErrorsPerMin) { this.nvlinkErrorsPerMin = nvlinkErrorsPerMin; }
    /** Minutes the NVLink error rate has stayed above 0. */
    public double getNvlinkMinutesSustained() { return nvlinkMinutesSustained; }
    public void setNvlinkMinutesSustained(double nvlinkMinutesSustained) { this.nvlinkMinutesSustained = nvlinkMinutesSustained; }
    /** PCIe replays per minute (DCGM fails health above 8). */
    public double getPcieReplaysPerMin() { return pcieReplaysPerMin; }
    public void setPcieReplaysPerMin(double pcieReplaysPerMin) { this.pcieReplaysPerMin = pcieReplaysPerMin; }
    /** Minutes the PCIe replay rate has stayed above the floor the job tracks it with. */
    public double getPcieMinutesSustained() { return pcieMinutesSustained; }
    public void setPcieMinutesSustained(double pcieMinutesSustained) { this.pcieMinutesSustained = pcieMinutesSustained; }


    /** Evidence lines for a decision about this GPU. */
    public String[] evidence() {
        return new String[] {"gpu=" + gpu, "dbe_delta=" + dbeDelta, "sbe_per_min=" + sbeRatePerMin,
            "remap_pending=" + remapPending, "remap_failure=" + remapFailure,
            "retired_pages_pending=" + retiredPagesPending, "nvlink_errors_per_min=" + nvlinkErrorsPerMin,
            "nvlink_minutes_sustained=" + nvlinkMinutesSustained, "pcie_replays_per_min=" + pcieReplaysPerMin,
            "pcie_minutes_sustained=" + pcieMinutesSustained};
    }

    @Override
    public String toString() {
        return "GpuHealthFact{cluster=" + cluster + ", node=" + node + ", gpu=" + gpu + ", ts=" + ts + ", dbeDelta=" + dbeDelta + ", sbeRatePerMin=" + sbeRatePerMin + ", remapPending=" + remapPending + ", remapFailure=" + remapFailure + ", retiredPagesPending=" + retiredPagesPending + ", nvlinkErrorsPerMin=" + nvlinkErrorsPerMin + ", nvlinkMinutesSustained=" + nvlinkMinutesSustained + ", pcieReplaysPerMin=" + pcieReplaysPerMin + ", pcieMinutesSustained=" + pcieMinutesSustained + "}";
    }
}
