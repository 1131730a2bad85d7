package io.ballast.jobs.guard;

import io.ballast.events.Alert;
import io.ballast.events.Drain;
import io.ballast.jobs.hardware.NodePresence;
import io.ballast.rules.Decision;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain guard's fleet is the nodes that report now: nodes whose state expired stop counting towards the 5%
 * limit, and the guard's state goes once no node reports and no drain is within its hold.
 */
class DrainGuardFleetTest {
    static final long T0 = 1_795_486_326_000L;
    static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void theFleetLimitFollowsNodesLeavingAndTheGuardClearsWhenNothingIsLeft() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, GuardEvent, Drain> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ActionRouterFunction(new Configuration()), DrainGuardFleetTest::cluster, Types.STRING)) {
            for (int i = 0; i < 40; i++) {
                h.processElement(GuardEvent.of(new NodePresence("c1", "n" + i, T0, true)), T0);
            }
            for (int i = 0; i < 20; i++) {
                h.processElement(GuardEvent.of(new NodePresence("c1", "n" + i, T0 + HOUR, false)), T0 + HOUR);
            }
            h.processElement(GuardEvent.of(drain("n30", T0 + 2 * HOUR)), T0 + 2 * HOUR);
            h.processElement(GuardEvent.of(drain("n31", T0 + 2 * HOUR + 60_000)), T0 + 2 * HOUR + 60_000);
            h.processWatermark(T0 + 2 * HOUR + 60_000);

            assertThat(h.extractOutputValues()).extracting(Drain::getNode).containsExactly("n30"); // 5% of 20, not of 40
            assertThat(h.getSideOutput(ActionRouterFunction.ALERTS)).extracting(StreamRecord::getValue)
                    .extracting(Alert::getSummary).singleElement().asString().contains("fleet limit: 1 of 20");

            for (int i = 20; i < 40; i++) {
                h.processElement(GuardEvent.of(new NodePresence("c1", "n" + i, T0 + 3 * HOUR, false)), T0 + 3 * HOUR);
            }
            h.processWatermark(T0 + 3 * HOUR);
            assertThat(h.numKeyedStateEntries()).as("the drain of n30 is still within its hold").isPositive();
            h.processWatermark(T0 + 9 * HOUR);
            assertThat(h.numKeyedStateEntries()).as("no node, no drain, no firing alert: nothing kept").isZero();
        }
    }

    private static String cluster(GuardEvent e) {
        return e.decision != null ? e.decision.getCluster() : e.presence.cluster;
    }

    private static Decision drain(String node, long ts) {
        return new Decision(Decision.Kind.DRAIN, "gpu_fallen_off_bus", "xid79", null, "critical", "c1", node, node, "Xid 79", ts);
    }
}
