package io.ballast.rules.hardware;

import static io.ballast.rules.hardware.RuleFixtures.T0;
import static io.ballast.rules.hardware.RuleFixtures.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.NodeIncidentFact;
import io.ballast.rules.facts.SinglePortFact;
import io.ballast.rules.facts.SwitchIncidentFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationRulesTest {

    @Test
    void raisesOneCriticalAlertForASwitchIncidentAndDrainsNobody() {
        SwitchIncidentFact s = new SwitchIncidentFact();
        s.setCluster("c1");
        s.setPlane(2);
        s.setSwitchName("leaf-9");
        s.setNodes(List.of("n1", "n2", "n3", "n4"));
        s.setIncidentId("abc");
        s.setTs(T0);
        assertThat(evaluate(s)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getName()).isEqualTo("switch_incident");
            assertThat(d.getSeverity()).isEqualTo("critical");
            assertThat(d.getSubject()).isEqualTo("leaf-9/plane-2");
            assertThat(d.getNode()).isNull();
            assertThat(d.getEvidence()).contains("incident=abc", "nodes=[n1, n2, n3, n4]");
        });
    }

    @Test
    void drainsOnANodeIncident() {
        NodeIncidentFact n = new NodeIncidentFact();
        n.setCluster("c1");
        n.setNode("n5");
        n.setPlanes(List.of(1, 4));
        n.setReason("NIC errors on 2 planes of one node");
        n.setTs(T0);
        assertThat(evaluate(n)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("node_incident");
            assertThat(d.getNode()).isEqualTo("n5");
        });
    }

    @Test
    void ticketsTheCableOrOpticForASinglePort() {
        SinglePortFact p = new SinglePortFact();
        p.setCluster("c1");
        p.setNode("n6");
        p.setPlane(5);
        p.setSwitchName("leaf-1");
        p.setTs(T0);
        assertThat(evaluate(p)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getSeverity()).isEqualTo("warning");
            assertThat(d.getName()).isEqualTo("cable_or_optic");
        });
    }
}
