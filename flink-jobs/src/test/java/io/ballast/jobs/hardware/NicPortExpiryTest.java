package io.ballast.jobs.hardware;

import io.ballast.events.NicCounters;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A port's counter baseline is cleared by its expiry timer a day after the port went quiet, and only then. */
class NicPortExpiryTest {
    static final long T0 = 1_795_486_326_000L;
    static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void aPortQuietForADayStartsAFreshBaselineAndABusyOneKeepsItsBaseline() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, NicCounters, SignedRuleSet, CorrelationSignal> h =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new NicPortFunction(new Configuration()),
                             NodeKey::ofNic, Types.STRING, RulesBroadcast.STATE)) {
            h.processElement(sample("quiet", T0, 0), T0);
            h.processElement(sample("busy", T0, 0), T0);
            h.processElement(sample("busy", T0 + DAY, 0), T0 + DAY);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + DAY + Duration.ofHours(2).toMillis());

            // Symbol errors after the gap: the quiet port has no baseline to count them against, the busy one does.
            h.processElement(sample("quiet", T0 + DAY + 60_000, 50), T0 + DAY + 60_000);
            h.processElement(sample("busy", T0 + DAY + 60_000, 50), T0 + DAY + 60_000);
            assertThat(h.extractOutputValues()).extracting(s -> s.node).containsExactly("busy");
        }
    }

    private static NicCounters sample(String node, long ts, long symbolErrors) {
        return NicCounters.newBuilder().setTs(ts).setNode(node).setDevice("mlx5_0").setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", symbolErrors, "port_xmit_data", ts / 1000)).build();
    }
}
