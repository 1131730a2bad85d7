package io.ballast.collectors.gpu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** PCI bus id -> GPU index on one node, as nvidia-smi reports it; lookups accept any bus id spelling. */
public record GpuBusMap(Map<String, Integer> indexByBusId) {
    public static final GpuBusMap EMPTY = new GpuBusMap(Map.of());

    public GpuBusMap {
        Map<String, Integer> canonical = new HashMap<>();
        indexByBusId.forEach((busId, index) -> canonical.put(
                PciBusIds.normalize(busId).orElseThrow(() -> new IllegalArgumentException("not a PCI bus id: " + busId)), index));
        indexByBusId = Map.copyOf(canonical);
    }

    public Optional<Integer> indexOf(String busId) {
        return PciBusIds.normalize(busId).map(indexByBusId::get);
    }
}
