package io.ballast.rules.hardware;

import static io.ballast.rules.hardware.RuleFixtures.evaluate;
import static io.ballast.rules.hardware.RuleFixtures.gpu;
import static io.ballast.rules.hardware.RuleFixtures.xid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import org.junit.jupiter.api.Test;

class InterconnectRulesTest {

    private static GpuHealthFact pcie(double perMin, double minutes) {
        GpuHealthFact g = gpu("n1", 1);
        g.setPcieReplaysPerMin(perMin);
        g.setPcieMinutesSustained(minutes);
        return g;
    }

    @Test
    void warnsOnPcieReplaysAboveEightPerMinute() {
        assertThat(evaluate(pcie(9, 1))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getName()).isEqualTo("pcie_replay_rate");
        });
        assertThat(evaluate(pcie(8, 1))).isEmpty();
    }

    @Test
    void drainsOnPcieReplaysSustainedForFiveMinutes() {
        assertThat(evaluate(pcie(12, 5))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("pcie_replay_sustained");
        });
    }

    @Test
    void drainsOnPcieReplaysWithAHardwareXidOnTheNode() {
        assertThat(evaluate(pcie(12, 1), xid("n1", 3, 74, 1))).anySatisfy(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("pcie_replay_with_evidence");
        }).noneMatch(d -> d.getName().equals("pcie_replay_rate"));
    }

    @Test
    void anApplicationXidIsNotEvidenceForAPcieDrain() {
        assertThat(evaluate(pcie(12, 1), xid("n1", 3, 13, 1)))
                .noneMatch(d -> d.getKind() == Decision.Kind.DRAIN)
                .anyMatch(d -> d.getName().equals("pcie_replay_rate"));
    }

    @Test
    void warnsOnAnyNvlinkErrorIncrease() {
        GpuHealthFact g = gpu("n1", 1);
        g.setNvlinkErrorsPerMin(0.2);
        assertThat(evaluate(g)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getName()).isEqualTo("nvlink_errors");
        });
    }

    @Test
    void drainsOnSustainedNvlinkErrors() {
        GpuHealthFact g = gpu("n1", 1);
        g.setNvlinkErrorsPerMin(3);
        g.setNvlinkMinutesSustained(6);
        assertThat(evaluate(g)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("nvlink_errors_sustained");
        });
    }
}
