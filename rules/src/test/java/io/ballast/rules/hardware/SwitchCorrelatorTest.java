package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.hardware.SwitchCorrelator.Correlation;
import org.junit.jupiter.api.Test;

class SwitchCorrelatorTest {
    private static final long SEC = 1_000L;
    private static final long MIN = 60 * SEC;

    @Test
    void fourNodesOnOneSwitchAndPlaneAreOneSwitchIncident() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", i * SEC);
        }
        Correlation out = c.evaluate("c1", 5 * SEC);
        assertThat(out.switchIncidents()).singleElement().satisfies(s -> {
            assertThat(s.getSwitchName()).isEqualTo("leaf-7");
            assertThat(s.getPlane()).isEqualTo(3);
            assertThat(s.getNodes()).containsExactly("n1", "n2", "n3", "n4");
        });
        assertThat(out.nodeIncidents()).isEmpty();
        assertThat(c.explainedBySwitch(3, "leaf-7")).isTrue();
    }

    @Test
    void threeNodesAreBelowTheSwitchThreshold() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 3; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", SEC);
        }
        assertThat(c.evaluate("c1", 2 * SEC).switchIncidents()).isEmpty();
    }

    @Test
    void reportsASwitchIncidentOncePerIncidentNotPerSample() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", SEC);
        }
        assertThat(c.evaluate("c1", 2 * SEC).switchIncidents()).hasSize(1);
        c.observeNicErrors("n5", 3, "leaf-7", 3 * SEC);
        c.observeNicErrors("n1", 3, "leaf-7", 4 * SEC);
        assertThat(c.evaluate("c1", 5 * SEC).isEmpty()).isTrue();
    }

    @Test
    void opensANewSwitchIncidentAfterTheOldOneWentQuiet() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", SEC);
        }
        String first = c.evaluate("c1", 2 * SEC).switchIncidents().get(0).getIncidentId();
        c.evaluate("c1", 10 * MIN); // everything expired
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", 11 * MIN);
        }
        assertThat(c.evaluate("c1", 11 * MIN).switchIncidents()).singleElement()
                .satisfies(s -> assertThat(s.getIncidentId()).isNotEqualTo(first));
    }

    @Test
    void nodesUnderASwitchIncidentAreNotNodeIncidentsForIt() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", SEC);
        }
        c.observeHostEvidence("n1", "xid=79", SEC);
        Correlation out = c.evaluate("c1", 2 * SEC);
        assertThat(out.switchIncidents()).hasSize(1);
        assertThat(out.nodeIncidents()).isEmpty();
    }

    @Test
    void errorsOnTwoPlanesOfOneNodeAreANodeIncident() {
        SwitchCorrelator c = new SwitchCorrelator();
        c.observeNicErrors("n1", 1, "leaf-1", SEC);
        c.observeNicErrors("n1", 4, "leaf-4", 2 * SEC);
        assertThat(c.evaluate("c1", 3 * SEC).nodeIncidents()).singleElement().satisfies(n -> {
            assertThat(n.getNode()).isEqualTo("n1");
            assertThat(n.getPlanes()).containsExactly(1, 4);
        });
        assertThat(c.evaluate("c1", 4 * SEC).nodeIncidents()).isEmpty(); // deduplicated while open
    }

    @Test
    void nicErrorsWithGpuEvidenceAreANodeIncident() {
        SwitchCorrelator c = new SwitchCorrelator();
        c.observeNicErrors("n1", 1, "leaf-1", SEC);
        c.observeHostEvidence("n1", "pcie_replay", 2 * SEC);
        assertThat(c.evaluate("c1", 3 * SEC).nodeIncidents()).singleElement()
                .satisfies(n -> assertThat(n.getHostEvidence()).containsExactly("pcie_replay"));
    }

    @Test
    void oneQuietPortBecomesACableTicketAfterTheSettleTime() {
        SwitchCorrelator c = new SwitchCorrelator();
        c.observeNicErrors("n1", 2, "leaf-2", 0);
        assertThat(c.evaluate("c1", MIN).singlePorts()).isEmpty();
        c.observeNicErrors("n1", 2, "leaf-2", 4 * MIN);
        assertThat(c.evaluate("c1", 5 * MIN).singlePorts()).singleElement().satisfies(p -> {
            assertThat(p.getNode()).isEqualTo("n1");
            assertThat(p.getPlane()).isEqualTo(2);
            assertThat(p.getSwitchName()).isEqualTo("leaf-2");
        });
        assertThat(c.evaluate("c1", 6 * MIN).singlePorts()).isEmpty();
    }

    @Test
    void incidentIdsAreDeterministicOnReplay() {
        assertThat(replayOnce()).isEqualTo(replayOnce());
    }

    private static String replayOnce() {
        SwitchCorrelator c = new SwitchCorrelator();
        for (int i = 1; i <= 4; i++) {
            c.observeNicErrors("n" + i, 3, "leaf-7", SEC);
        }
        return c.evaluate("c1", 2 * SEC).switchIncidents().get(0).getIncidentId();
    }
}
