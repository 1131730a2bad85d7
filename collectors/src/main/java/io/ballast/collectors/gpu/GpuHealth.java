package io.ballast.collectors.gpu;

import io.ballast.events.GpuSample;

/**
 * The error counters of one GPU from {@code nvidia-smi -q -x}; null where the GPU does not report one.
 * Complements the CSV query, which has no PCIe replay or NVLink counters.
 */
public record GpuHealth(
        int index,
        String pciBusId,
        String uuid,
        Long eccSbeVolatile,
        Long eccDbeVolatile,
        Long eccSbeAggregate,
        Long eccDbeAggregate,
        Long retiredPagesSbe,
        Long retiredPagesDbe,
        Boolean retiredPagesPending,
        Long remappedRowsCorrectable,
        Long remappedRowsUncorrectable,
        Boolean remapPending,
        Boolean remapFailure,
        Long pcieReplay,
        Long throttleReasons,
        Long nvlinkCrcErrors,
        Long nvlinkReplayErrors,
        Long nvlinkRecoveryErrors) {

    /** {@code sample} with its unknown (null) fields taken from this report; its known fields are kept. */
    public GpuSample fillGaps(GpuSample sample) {
        GpuSample.Builder b = GpuSample.newBuilder(sample);
        if (sample.getUuid() == null) b.setUuid(uuid);
        if (sample.getEccSbeVolatileTotal() == null) b.setEccSbeVolatileTotal(eccSbeVolatile);
        if (sample.getEccDbeVolatileTotal() == null) b.setEccDbeVolatileTotal(eccDbeVolatile);
        if (sample.getEccSbeAggregateTotal() == null) b.setEccSbeAggregateTotal(eccSbeAggregate);
        if (sample.getEccDbeAggregateTotal() == null) b.setEccDbeAggregateTotal(eccDbeAggregate);
        if (sample.getRetiredPagesSbe() == null) b.setRetiredPagesSbe(retiredPagesSbe);
        if (sample.getRetiredPagesDbe() == null) b.setRetiredPagesDbe(retiredPagesDbe);
        if (sample.getRetiredPagesPending() == null) b.setRetiredPagesPending(retiredPagesPending);
        if (sample.getRemappedRowsCorrectable() == null) b.setRemappedRowsCorrectable(remappedRowsCorrectable);
        if (sample.getRemappedRowsUncorrectable() == null) b.setRemappedRowsUncorrectable(remappedRowsUncorrectable);
        if (sample.getRemapPending() == null) b.setRemapPending(remapPending);
        if (sample.getRemapFailure() == null) b.setRemapFailure(remapFailure);
        if (sample.getPcieReplayTotal() == null) b.setPcieReplayTotal(pcieReplay);
        if (sample.getThrottleReasons() == null) b.setThrottleReasons(throttleReasons);
        if (sample.getNvlinkCrcErrorsTotal() == null) b.setNvlinkCrcErrorsTotal(nvlinkCrcErrors);
        if (sample.getNvlinkReplayErrorsTotal() == null) b.setNvlinkReplayErrorsTotal(nvlinkReplayErrors);
        if (sample.getNvlinkRecoveryErrorsTotal() == null) b.setNvlinkRecoveryErrorsTotal(nvlinkRecoveryErrors);
        return b.build();
    }
}
