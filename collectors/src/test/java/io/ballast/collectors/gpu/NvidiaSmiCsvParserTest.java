package io.ballast.collectors.gpu;

import io.ballast.events.GpuSample;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NvidiaSmiCsvParserTest {
    private static final long TS = 1_795_000_000_000L;

    @Test
    void readsTheRealH100Capture() {
        List<GpuSample> samples = NvidiaSmiCsvParser.parse(Fixtures.read(Fixtures.CSV), "h100-a", "west", TS);

        assertThat(samples).hasSize(1);
        GpuSample s = samples.get(0);
        assertThat(s.getTs()).isEqualTo(TS);
        assertThat(s.getNode()).isEqualTo("h100-a");
        assertThat(s.getCluster()).isEqualTo("west");
        assertThat(s.getGpu()).isZero();
        assertThat(s.getUuid()).isEqualTo("GPU-50df00df-197c-25fe-7c73-497cb1f40831");
        assertThat(s.getTempC()).isEqualTo(33.0);
        assertThat(s.getMemTempC()).isEqualTo(36.0);
        assertThat(s.getPowerW()).isEqualTo(113.62);
        assertThat(s.getSmClockMhz()).isEqualTo(405.0);
        assertThat(s.getUtilPct()).isEqualTo(0.0);
        assertThat(s.getMemUsedMib()).isEqualTo(0.0);
        assertThat(s.getEccSbeVolatileTotal()).isZero();
        assertThat(s.getEccDbeVolatileTotal()).isZero();
        assertThat(s.getEccSbeAggregateTotal()).isZero();
        assertThat(s.getEccDbeAggregateTotal()).isZero();
        assertThat(s.getRemappedRowsCorrectable()).isZero();
        assertThat(s.getRemappedRowsUncorrectable()).isZero();
        assertThat(s.getRemapPending()).isFalse();
        assertThat(s.getRemapFailure()).isFalse();
    }

    @Test
    void naRetiredPagesAreNullNotZero() {
        GpuSample s = NvidiaSmiCsvParser.parse(Fixtures.read(Fixtures.CSV), "h100-a", null, TS).get(0);

        assertThat(s.getRetiredPagesSbe()).isNull();
        assertThat(s.getRetiredPagesDbe()).isNull();
        assertThat(s.getRetiredPagesPending()).isNull();
        assertThat(s.getPcieReplayTotal()).isNull();
    }

    @Test
    void acceptsClocksEventReasonsHeaderForThrottleQuery() {
        GpuSample s = NvidiaSmiCsvParser.parse(Fixtures.read(Fixtures.CSV), "h100-a", null, TS).get(0);

        assertThat(Fixtures.read(Fixtures.CSV)).contains("clocks_event_reasons.active");
        assertThat(s.getThrottleReasons()).isEqualTo(1L);
    }

    @Test
    void acceptsOlderClocksThrottleReasonsHeaderAndNotSupportedValues() {
        String csv = """
                index, uuid, pci.bus_id, power.draw [W], temperature.memory, retired_pages.pending, clocks_throttle_reasons.active
                0, GPU-a, 00000000:3B:00.0, [Not Supported], N/A, Yes, 0x0000000000000044
                1, GPU-b, 00000000:5E:00.0, 250.10 W, 41, No, 0x0000000000000000
                """;

        List<GpuSample> samples = NvidiaSmiCsvParser.parse(csv, "n", null, TS);

        assertThat(samples).extracting(GpuSample::getGpu).containsExactly(0, 1);
        assertThat(samples.get(0).getPowerW()).isNull();
        assertThat(samples.get(0).getMemTempC()).isNull();
        assertThat(samples.get(0).getRetiredPagesPending()).isTrue();
        assertThat(samples.get(0).getThrottleReasons()).isEqualTo(0x44L);
        assertThat(samples.get(1).getPowerW()).isEqualTo(250.10);
        assertThat(samples.get(1).getRetiredPagesPending()).isFalse();
    }

    @Test
    void skipsAnUnreadableRowButKeepsTheOthers() {
        String csv = """
                index, power.draw [W]
                0, lots W
                1, 99.5 W
                2
                """;

        assertThat(NvidiaSmiCsvParser.parse(csv, "n", null, TS)).extracting(GpuSample::getGpu).containsExactly(1);
    }

    @Test
    void mapsBusIdsToIndexesFromTheCapture() {
        GpuBusMap map = NvidiaSmiCsvParser.busMap(Fixtures.read(Fixtures.CSV));

        assertThat(map.indexOf("0000:00:06")).contains(0);
        assertThat(map.indexOf("0000:3b:00")).isEmpty();
    }

    @Test
    void readsTheRealOutputOfTheCollectorsOwnCommand() {
        String csv = Fixtures.read("fixtures/nvidia-smi-h100/collector-command.csv");

        GpuSample s = NvidiaSmiCsvParser.parse(csv, "h100-b", null, TS).get(0);

        assertThat(s.getUuid()).isEqualTo("GPU-7409e0a3-fdb4-fccf-87c0-ac02d2a89ba4");
        assertThat(s.getPowerW()).isEqualTo(122.66);
        assertThat(s.getSmClockMhz()).isEqualTo(1980.0);
        assertThat(s.getTempC()).isEqualTo(39.0);
        assertThat(s.getRetiredPagesSbe()).isNull();
        assertThat(s.getRemapFailure()).isFalse();
        assertThat(s.getThrottleReasons()).isEqualTo(1L);
        assertThat(NvidiaSmiCsvParser.busMap(csv).indexOf("0000:00:06")).contains(0);
    }

    @Test
    void commandAsksForEveryQueryField() {
        assertThat(NvidiaSmiCsvParser.COMMAND).containsExactly("nvidia-smi",
                "--query-gpu=" + String.join(",", NvidiaSmiCsvParser.QUERY_FIELDS), "--format=csv");
        assertThat(NvidiaSmiCsvParser.QUERY_FIELDS).contains("index", "pci.bus_id", "clocks_throttle_reasons.active");
    }
}
