package io.ballast.collectors.gpu;

import io.ballast.events.GpuSample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code nvidia-smi --query-gpu=<fields> --format=csv} into {@link GpuSample}s. Columns are found by
 * header name (units such as {@code [W]} stripped), so extra or reordered columns are fine. A row that cannot
 * be read is logged and skipped; the other GPUs still report.
 */
public final class NvidiaSmiCsvParser {
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmiCsvParser.class);

    /** The fields the collector asks for, in order. */
    public static final List<String> QUERY_FIELDS = List.of(
            "index", "uuid", "pci.bus_id",
            "temperature.gpu", "temperature.memory", "power.draw", "clocks.current.sm", "utilization.gpu", "memory.used",
            "ecc.errors.corrected.volatile.total", "ecc.errors.uncorrected.volatile.total",
            "ecc.errors.corrected.aggregate.total", "ecc.errors.uncorrected.aggregate.total",
            "retired_pages.single_bit_ecc.count", "retired_pages.double_bit.count", "retired_pages.pending",
            "remapped_rows.correctable", "remapped_rows.uncorrectable", "remapped_rows.pending", "remapped_rows.failure",
            "clocks_throttle_reasons.active");

    /** The full command line the GPU collector runs by default. */
    public static final List<String> COMMAND = List.of(
            "nvidia-smi", "--query-gpu=" + String.join(",", QUERY_FIELDS), "--format=csv");

    /** Header names newer drivers print for a field asked under its older name. */
    private static final Map<String, String> HEADER_ALIASES = Map.of(
            "clocks_event_reasons.active", "clocks_throttle_reasons.active",
            "clocks.sm", "clocks.current.sm");

    /** One parsed CSV row: raw values by canonical field name. */
    private record Row(Map<String, String> values) {
        String get(String field) {
            return values.get(field);
        }
    }

    private NvidiaSmiCsvParser() {}

    /** Samples for every GPU row of {@code csv}, stamped with {@code node}, {@code cluster} (nullable) and {@code ts}. */
    public static List<GpuSample> parse(String csv, String node, String cluster, long ts) {
        List<Row> rows = rows(csv);
        List<GpuSample> samples = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                samples.add(sample(row, node, cluster, ts));
            } catch (RuntimeException e) {
                LOG.warn("skipping nvidia-smi row {}: {}", row.values(), e.getMessage());
            }
        }
        return samples;
    }

    /** PCI bus id -> GPU index from the {@code index} and {@code pci.bus_id} columns. */
    public static GpuBusMap busMap(String csv) {
        Map<String, Integer> map = new HashMap<>();
        for (Row row : rows(csv)) {
            Integer index = NvidiaSmiValues.integer(row.get("index"));
            String busId = NvidiaSmiValues.text(row.get("pci.bus_id"));
            if (index != null && busId != null && PciBusIds.normalize(busId).isPresent()) {
                map.put(busId, index);
            }
        }
        return new GpuBusMap(map);
    }

    private static GpuSample sample(Row row, String node, String cluster, long ts) {
        Integer index = NvidiaSmiValues.integer(row.get("index"));
        if (index == null) {
            throw new IllegalArgumentException("no GPU index");
        }
        return GpuSample.newBuilder()
                .setTs(ts)
                .setCluster(cluster)
                .setNode(node)
                .setGpu(index)
                .setUuid(NvidiaSmiValues.text(row.get("uuid")))
                .setTempC(NvidiaSmiValues.number(row.get("temperature.gpu")))
                .setMemTempC(NvidiaSmiValues.number(row.get("temperature.memory")))
                .setPowerW(NvidiaSmiValues.number(row.get("power.draw")))
                .setSmClockMhz(NvidiaSmiValues.number(row.get("clocks.current.sm")))
                .setUtilPct(NvidiaSmiValues.number(row.get("utilization.gpu")))
                .setMemUsedMib(NvidiaSmiValues.number(row.get("memory.used")))
                .setEccSbeVolatileTotal(NvidiaSmiValues.count(row.get("ecc.errors.corrected.volatile.total")))
                .setEccDbeVolatileTotal(NvidiaSmiValues.count(row.get("ecc.errors.uncorrected.volatile.total")))
                .setEccSbeAggregateTotal(NvidiaSmiValues.count(row.get("ecc.errors.corrected.aggregate.total")))
                .setEccDbeAggregateTotal(NvidiaSmiValues.count(row.get("ecc.errors.uncorrected.aggregate.total")))
                .setRetiredPagesSbe(NvidiaSmiValues.count(row.get("retired_pages.single_bit_ecc.count")))
                .setRetiredPagesDbe(NvidiaSmiValues.count(row.get("retired_pages.double_bit.count")))
                .setRetiredPagesPending(NvidiaSmiValues.flag(row.get("retired_pages.pending")))
                .setRemappedRowsCorrectable(NvidiaSmiValues.count(row.get("remapped_rows.correctable")))
                .setRemappedRowsUncorrectable(NvidiaSmiValues.count(row.get("remapped_rows.uncorrectable")))
                .setRemapPending(NvidiaSmiValues.flag(row.get("remapped_rows.pending")))
                .setRemapFailure(NvidiaSmiValues.flag(row.get("remapped_rows.failure")))
                .setThrottleReasons(NvidiaSmiValues.count(row.get("clocks_throttle_reasons.active")))
                .build();
    }

    private static List<Row> rows(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("nvidia-smi printed nothing");
        }
        List<String> header = split(lines.get(0)).stream().map(NvidiaSmiCsvParser::fieldName).toList();
        if (!header.contains("index")) {
            throw new IllegalArgumentException("nvidia-smi csv header has no 'index' column: " + lines.get(0));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> values = split(lines.get(i));
            if (values.size() != header.size()) {
                LOG.warn("skipping nvidia-smi csv line {}: {} values for {} columns", i + 1, values.size(), header.size());
                continue;
            }
            Map<String, String> byName = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                byName.put(header.get(c), values.get(c));
            }
            rows.add(new Row(byName));
        }
        return rows;
    }

    /** {@code power.draw [W]} -> {@code power.draw}; newer names -> the names we asked for. */
    private static String fieldName(String header) {
        String name = header.trim();
        int unit = name.indexOf(" [");
        if (unit >= 0) {
            name = name.substring(0, unit);
        }
        return HEADER_ALIASES.getOrDefault(name, name);
    }

    // nvidia-smi never quotes: values (GPU names included) contain no commas.
    private static List<String> split(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::trim).toList();
    }
}
