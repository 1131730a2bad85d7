package io.ballast.rules.hardware;

import static io.ballast.rules.hardware.RuleFixtures.evaluate;
import static io.ballast.rules.hardware.RuleFixtures.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.NicPortFact;
import io.ballast.rules.facts.SwitchIncidentFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicRulesTest {

    @Test
    void warnsOnALinkDownedDeltaNamingThePort() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setLinkDownedDelta(1);
        assertThat(evaluate(p)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getName()).isEqualTo("link_downed");
            assertThat(d.getReason()).contains("mlx5_3/1");
            assertThat(d.getLabels()).containsEntry("port", "mlx5_3/1").containsEntry("plane", "3")
                    .containsEntry("switch", "leaf-7");
        });
    }

    @Test
    void warnsOnLinkErrorRecoveries() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setLinkErrorRecoveryDelta(2);
        assertThat(evaluate(p)).singleElement().satisfies(d -> assertThat(d.getName()).isEqualTo("link_error_recovery"));
    }

    @Test
    void warnsOnSymbolErrorsAboveTheRateThresholdOnly() {
        NicPortFact high = port("n1", 3, "leaf-7");
        high.setSymbolErrorsPerMin(4);
        NicPortFact low = port("n2", 3, "leaf-7");
        low.setSymbolErrorsPerMin(0.5);
        assertThat(evaluate(high, low)).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("symbol_errors");
            assertThat(d.getNode()).isEqualTo("n1");
        });
    }

    @Test
    void warnsOnReceiveErrorsAboveTheRateThreshold() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setRcvErrorsPerMin(5);
        assertThat(evaluate(p)).singleElement().satisfies(d -> assertThat(d.getName()).isEqualTo("port_rcv_errors"));
    }

    @Test
    void pointsUpstreamOnRemotePhysicalErrors() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setRemotePhysicalErrorsDelta(7);
        assertThat(evaluate(p)).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("upstream_physical_errors");
            assertThat(d.getReason()).contains("upstream");
        });
    }

    @Test
    void warnsOnTransmitDiscardsAboveTheUfmThreshold() {
        NicPortFact over = port("n1", 3, "leaf-7");
        over.setXmitDiscardsDelta(201);
        NicPortFact at = port("n2", 3, "leaf-7");
        at.setXmitDiscardsDelta(200);
        assertThat(evaluate(over, at)).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("port_xmit_discards");
            assertThat(d.getNode()).isEqualTo("n1");
        });
    }

    @Test
    void asksToResetASaturatedCounter() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setSaturatedCounters(List.of("symbol_error"));
        assertThat(evaluate(p)).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("counter_saturated");
            assertThat(d.getReason()).contains("saturated, reset");
        });
    }

    @Test
    void leavesPortsUnderASwitchIncidentToThatIncident() {
        NicPortFact p = port("n1", 3, "leaf-7");
        p.setLinkDownedDelta(1);
        SwitchIncidentFact s = new SwitchIncidentFact();
        s.setCluster("c1");
        s.setPlane(3);
        s.setSwitchName("leaf-7");
        s.setNodes(List.of("n1", "n2", "n3", "n4"));
        s.setTs(RuleFixtures.T0);
        assertThat(evaluate(p, s)).singleElement().satisfies(d -> assertThat(d.getName()).isEqualTo("switch_incident"));
    }

    @Test
    void saysNothingAboutACleanPort() {
        assertThat(evaluate(port("n1", 3, "leaf-7"))).isEmpty();
    }
}
