package io.ballast.collectors.gpu;

import io.ballast.events.GpuSample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvidiaSmiXmlParserTest {

    @Test
    void readsTheRealH100Report() {
        List<GpuHealth> gpus = NvidiaSmiXmlParser.parse(Fixtures.read(Fixtures.XML));

        assertThat(gpus).hasSize(1);
        GpuHealth h = gpus.get(0);
        assertThat(h.index()).isZero();
        assertThat(h.pciBusId()).isEqualTo("00000000:00:06.0");
        assertThat(h.uuid()).isEqualTo("GPU-50df00df-197c-25fe-7c73-497cb1f40831");
        assertThat(h.eccSbeVolatile()).isZero();
        assertThat(h.eccDbeVolatile()).isZero();
        assertThat(h.eccSbeAggregate()).isZero();
        assertThat(h.eccDbeAggregate()).isZero();
        assertThat(h.remappedRowsCorrectable()).isZero();
        assertThat(h.remappedRowsUncorrectable()).isZero();
        assertThat(h.remapPending()).isFalse();
        assertThat(h.remapFailure()).isFalse();
        assertThat(h.pcieReplay()).isZero();
        assertThat(h.throttleReasons()).as("only gpu_idle is Active").isEqualTo(0x1L);
    }

    @Test
    void hopperRetiredPagesAreNullAndSoAreAbsentNvlinkCounters() {
        GpuHealth h = NvidiaSmiXmlParser.parse(Fixtures.read(Fixtures.XML)).get(0);

        assertThat(h.retiredPagesSbe()).isNull();
        assertThat(h.retiredPagesDbe()).isNull();
        assertThat(h.retiredPagesPending()).isNull();
        assertThat(h.nvlinkCrcErrors()).isNull();
        assertThat(h.nvlinkReplayErrors()).isNull();
        assertThat(h.nvlinkRecoveryErrors()).isNull();
    }

    @Test
    void mapsTheBusIdOfTheCaptureToItsIndex() {
        GpuBusMap map = NvidiaSmiXmlParser.busMap(NvidiaSmiXmlParser.parse(Fixtures.read(Fixtures.XML)));

        assertThat(map.indexOf("00000000:00:06.0")).contains(0);
        assertThat(map.indexOf("0000:00:06")).contains(0);
    }

    @Test
    void readsLegacyEccThrottleAndNvlinkSections() {
        String xml = """
                <?xml version="1.0" ?>
                <nvidia_smi_log>
                  <gpu id="00000000:3B:00.0">
                    <uuid>GPU-old</uuid>
                    <pci><replay_counter>12</replay_counter></pci>
                    <clocks_throttle_reasons>
                      <clocks_throttle_reason_gpu_idle>Not Active</clocks_throttle_reason_gpu_idle>
                      <clocks_throttle_reason_sw_power_cap>Active</clocks_throttle_reason_sw_power_cap>
                      <clocks_throttle_reason_hw_thermal_slowdown>Active</clocks_throttle_reason_hw_thermal_slowdown>
                    </clocks_throttle_reasons>
                    <ecc_errors>
                      <volatile>
                        <single_bit><device_memory>3</device_memory><total>5</total></single_bit>
                        <double_bit><device_memory>1</device_memory><total>1</total></double_bit>
                      </volatile>
                      <aggregate>
                        <single_bit><total>40</total></single_bit>
                        <double_bit><total>N/A</total></double_bit>
                      </aggregate>
                    </ecc_errors>
                    <retired_pages>
                      <multiple_single_bit_retirement><retired_count>2</retired_count></multiple_single_bit_retirement>
                      <double_bit_retirement><retired_count>1</retired_count></double_bit_retirement>
                      <pending_blacklist>Yes</pending_blacklist>
                    </retired_pages>
                    <nvlink_errors>
                      <link id="0"><crc_flit_errors>2</crc_flit_errors><crc_data_errors>1</crc_data_errors>
                        <replay_errors>4</replay_errors><recovery_errors>0</recovery_errors></link>
                      <link id="1"><crc_flit_errors>3</crc_flit_errors><crc_data_errors>N/A</crc_data_errors>
                        <replay_errors>1</replay_errors><recovery_errors>2</recovery_errors></link>
                    </nvlink_errors>
                  </gpu>
                </nvidia_smi_log>
                """;

        GpuHealth h = NvidiaSmiXmlParser.parse(xml).get(0);

        assertThat(h.pcieReplay()).isEqualTo(12L);
        assertThat(h.throttleReasons()).isEqualTo(0x4L | 0x40L);
        assertThat(h.eccSbeVolatile()).isEqualTo(5L);
        assertThat(h.eccDbeVolatile()).isEqualTo(1L);
        assertThat(h.eccSbeAggregate()).isEqualTo(40L);
        assertThat(h.eccDbeAggregate()).isNull();
        assertThat(h.retiredPagesSbe()).isEqualTo(2L);
        assertThat(h.retiredPagesDbe()).isEqualTo(1L);
        assertThat(h.retiredPagesPending()).isTrue();
        assertThat(h.nvlinkCrcErrors()).isEqualTo(6L);
        assertThat(h.nvlinkReplayErrors()).isEqualTo(5L);
        assertThat(h.nvlinkRecoveryErrors()).isEqualTo(2L);
    }

    @Test
    void neverReadsExternalEntities(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "GPU-stolen");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nvidia_smi_log [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<nvidia_smi_log><gpu id=\"00000000:3B:00.0\"><uuid>&x;</uuid></gpu></nvidia_smi_log>";

        List<GpuHealth> parsed;
        try {
            parsed = NvidiaSmiXmlParser.parse(xml);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(parsed.get(0).uuid()).isNotEqualTo("GPU-stolen");
    }

    @Test
    void rejectsSomethingElseWithAClearMessage() {
        assertThatThrownBy(() -> NvidiaSmiXmlParser.parse("<html/>")).hasMessageContaining("not an nvidia-smi -q -x report");
        assertThatThrownBy(() -> NvidiaSmiXmlParser.parse("Failed to initialize NVML")).hasMessageContaining("unreadable nvidia-smi XML");
    }

    @Test
    void fillsOnlyTheGapsOfACsvSample() {
        GpuHealth h = NvidiaSmiXmlParser.parse(Fixtures.read(Fixtures.XML)).get(0);
        GpuSample csv = NvidiaSmiCsvParser.parse(Fixtures.read(Fixtures.CSV), "n", null, 1L).get(0);
        GpuSample tweaked = GpuSample.newBuilder(csv).setThrottleReasons(0x8L).build();

        GpuSample merged = h.fillGaps(tweaked);

        assertThat(merged.getPcieReplayTotal()).isZero();
        assertThat(merged.getThrottleReasons()).isEqualTo(0x8L);
        assertThat(merged.getPowerW()).isEqualTo(113.62);
        assertThat(merged.getRetiredPagesSbe()).isNull();
    }
}
