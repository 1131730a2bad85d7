package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's NIC baselines are cleared by its expiry timer a day after the node went quiet, and only then. */
class NicPortExpiryTest {
    static final long T0 = 1_795_486_326_000L;
    static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void aNodeQuietForADayStartsAFreshBaselineAndABusyOneKeepsItsBaseline() throws Exception {
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.nic(sample("quiet", T0, 0)), T0);
            h.processElement(NodeInput.nic(sample("busy", T0, 0)), T0);
            h.processElement(NodeInput.nic(sample("busy", T0 + DAY, 0)), T0 + DAY);
            NodeHarness.watermark(h, T0 + DAY + Duration.ofHours(2).toMillis());

            // Symbol errors after the gap: the quiet node has no baseline to count them against, the busy one does.
            h.processElement(NodeInput.nic(sample("quiet", T0 + DAY + 60_000, 50)), T0 + DAY + 60_000);
            h.processElement(NodeInput.nic(sample("busy", T0 + DAY + 60_000, 50)), T0 + DAY + 60_000);
            assertThat(NodeHarness.correlation(h)).extracting(s -> s.node).containsExactly("busy");
        }
    }

    @Test
    void aNodeWhoseGpusKeepReportingKeepsItsNicBaselines() throws Exception {
        try (var h = NodeHarness.open()) {
            h.processElement(NodeInput.nic(sample("n1", T0, 0)), T0);
            h.processElement(NodeInput.gpu(GpuSample.newBuilder().setTs(T0 + DAY).setNode("n1").setGpu(0).build()), T0 + DAY);
            NodeHarness.watermark(h, T0 + DAY + Duration.ofHours(2).toMillis());

            h.processElement(NodeInput.nic(sample("n1", T0 + DAY + 60_000, 50)), T0 + DAY + 60_000);
            assertThat(NodeHarness.correlation(h)).as("50 errors against the day-old baseline").hasSize(1);
        }
    }

    private static NicCounters sample(String node, long ts, long symbolErrors) {
        return NicCounters.newBuilder().setTs(ts).setNode(node).setDevice("mlx5_0").setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", symbolErrors, "port_xmit_data", ts / 1000)).build();
    }
}
