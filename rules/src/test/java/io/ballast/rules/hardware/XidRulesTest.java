package io.ballast.rules.hardware;

import static io.ballast.rules.hardware.RuleFixtures.drains;
import static io.ballast.rules.hardware.RuleFixtures.evaluate;
import static io.ballast.rules.hardware.RuleFixtures.gpu;
import static io.ballast.rules.hardware.RuleFixtures.xid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XidRulesTest {

    @Test
    void drainsOnXid79ForANodeReboot() {
        List<Decision> out = evaluate(xid("n1", 2, 79, 1));
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("gpu_fallen_off_bus");
            assertThat(d.getSeverity()).isEqualTo("critical");
            assertThat(d.getNode()).isEqualTo("n1");
            assertThat(d.getEvidence()).contains("xid=79", "xid_catalog=" + RuleFixtures.CATALOG.version());
            assertThat(d.getLabels()).containsEntry("gpu", "2").containsEntry("xid", "79");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {46, 62, 95, 109, 119, 120, 136, 140, 143, 155, 158})
    void drainsOnResetGpuXids(int code) {
        assertThat(evaluate(xid("n1", 0, code, 1))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getRule()).isEqualTo("An Xid that needs a GPU reset drains the node for the reset");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {54, 64, 157})
    void drainsOnHardwareServiceXids(int code) {
        assertThat(drains(evaluate(xid("n1", 0, code, 1)))).singleElement().satisfies(d ->
                assertThat(d.getRule()).isEqualTo("An Xid that points at failed hardware drains the node for service"));
    }

    @Test
    void drainsOnXid48WithARowRemapFailure() {
        GpuHealthFact g = gpu("n1", 0);
        g.setRemapFailure(true);
        List<Decision> out = evaluate(xid("n1", 0, 48, 1), g);
        assertThat(out).anySatisfy(d -> {
            assertThat(d.getRule()).isEqualTo("A double-bit ECC Xid with a failed row remap drains the node");
            assertThat(d.getName()).isEqualTo("ecc_uncorrectable");
        });
        assertThat(out).noneMatch(d -> d.getRule().equals("A single double-bit ECC Xid asks for a GPU reset"));
    }

    @Test
    void drainsOnXid48TogetherWithXid64() {
        List<Decision> out = evaluate(xid("n1", 0, 48, 1), xid("n1", 0, 64, 1));
        assertThat(out).extracting(Decision::getRule)
                .contains("A double-bit ECC Xid with a failed row remap drains the node");
    }

    @Test
    void drainsOnRecurringXid48() {
        assertThat(evaluate(xid("n1", 0, 48, 2))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getRule()).isEqualTo("A recurring double-bit ECC Xid drains the node");
        });
    }

    @Test
    void warnsOnASingleXid48WithoutDraining() {
        assertThat(evaluate(xid("n1", 0, 48, 1))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getSeverity()).isEqualTo("warning");
            assertThat(d.getRule()).isEqualTo("A single double-bit ECC Xid asks for a GPU reset");
        });
    }

    @Test
    void drainsOnXid74WhenItRecursThreeTimesInTheWindow() {
        assertThat(evaluate(xid("n1", 0, 74, 3))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("nvlink_error_recurring");
        });
    }

    @Test
    void warnsOnXid74BeforeItRecurs() {
        assertThat(evaluate(xid("n1", 0, 74, 2))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getSeverity()).isEqualTo("warning");
            assertThat(d.getRule()).isEqualTo("An NVLink Xid below the recurrence threshold warns");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 31, 43, 45, 69, 94, 137})
    void neverDrainsOnApplicationXids(int code) {
        // Even recurring: NVIDIA's immediate action for these is RESTART_APP or IGNORE (domain.md §3.3).
        assertThat(evaluate(xid("n1", 0, code, 5))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getSeverity()).isEqualTo("info");
            assertThat(d.getRule()).isEqualTo("Application and sympathetic Xids never drain and only inform");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {38, 63, 92})
    void recordsInformationalXidsAsInfo(int code) {
        assertThat(evaluate(xid("n1", 0, code, 1))).singleElement().satisfies(d -> {
            assertThat(d.getSeverity()).isEqualTo("info");
            assertThat(d.getRule()).isEqualTo("Informational Xids are recorded for trends");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {167, 999, 154})
    void escalatesXidsMissingFromTheCatalogWithoutDraining(int code) {
        assertThat(evaluate(xid("n1", 0, code, 4))).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getSeverity()).isEqualTo("warning");
            assertThat(d.getName()).isEqualTo("xid_unverified");
            assertThat(d.getReason()).contains("unverified Xid " + code + ", escalate");
        });
    }
}
