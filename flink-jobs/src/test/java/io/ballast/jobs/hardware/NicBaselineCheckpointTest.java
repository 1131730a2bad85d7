package io.ballast.jobs.hardware;

import io.ballast.events.NicCounters;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint holds a node's baselines as they are at that checkpoint, also when the node's value went into the
 * checkpoint before as bytes it keeps: a restore counts errors against the newest baseline, not an older one.
 */
class NicBaselineCheckpointTest {
    static final long T0 = 1_795_486_326_000L;

    @Test
    void aRestoreCountsAgainstTheBaselineOfTheLastCheckpointNotAnEarlierOne() throws Exception {
        OperatorSubtaskState second;
        try (KeyedBroadcastOperatorTestHarness<String, NicCounters, SignedRuleSet, CorrelationSignal> h = harness()) {
            h.open();
            h.processElement(sample(T0, 0), T0);
            h.snapshot(1, T0 + 1_000);
            h.processElement(sample(T0 + 5_000, 40), T0 + 5_000); // 40 symbol errors: reported once, then the baseline
            second = h.snapshot(2, T0 + 6_000);
            assertThat(h.extractOutputValues()).as("the errors are reported before the checkpoint").hasSize(1);
        }
        try (KeyedBroadcastOperatorTestHarness<String, NicCounters, SignedRuleSet, CorrelationSignal> h = harness()) {
            h.initializeState(second);
            h.open();
            h.processElement(sample(T0 + 10_000, 40), T0 + 10_000);
            assertThat(h.extractOutputValues()).as("no new errors since the second checkpoint's baseline").isEmpty();
            h.processElement(sample(T0 + 15_000, 41), T0 + 15_000);
            assertThat(h.extractOutputValues()).as("one more error is one more").hasSize(1);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, NicCounters, SignedRuleSet, CorrelationSignal> harness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new NicPortFunction(new Configuration()),
                List.of(RulesBroadcast.STATE)), NodeKey::ofNic, Types.STRING, 1, 1, 0);
    }

    private static NicCounters sample(long ts, long symbolErrors) {
        return NicCounters.newBuilder().setTs(ts).setNode("gpu-node-1").setDevice("mlx5_0").setPort(1).setBootId("boot-1")
                .setCounters(Map.of("symbol_error", symbolErrors, "port_xmit_data", ts / 1000)).build();
    }
}
