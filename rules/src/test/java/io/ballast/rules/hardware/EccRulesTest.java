package io.ballast.rules.hardware;

import static io.ballast.rules.hardware.RuleFixtures.evaluate;
import static io.ballast.rules.hardware.RuleFixtures.gpu;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import org.junit.jupiter.api.Test;

class EccRulesTest {

    @Test
    void drainsOnANewUncorrectableEccError() {
        GpuHealthFact g = gpu("n1", 4);
        g.setDbeDelta(1);
        assertThat(evaluate(g)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("ecc_uncorrectable");
            assertThat(d.getRule()).isEqualTo("A new uncorrectable ECC error drains the node");
            assertThat(d.getEvidence()).contains("dbe_delta=1");
        });
    }

    @Test
    void drainsOnARowRemapFailure() {
        GpuHealthFact g = gpu("n1", 4);
        g.setRemapFailure(true);
        g.setRemapPending(true);
        assertThat(evaluate(g)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.DRAIN);
            assertThat(d.getName()).isEqualTo("row_remap_failure");
        });
    }

    @Test
    void warnsToResetAtTheNextJobBoundaryOnAPendingRemap() {
        GpuHealthFact g = gpu("n1", 4);
        g.setRemapPending(true);
        assertThat(evaluate(g)).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(Decision.Kind.ALERT);
            assertThat(d.getName()).isEqualTo("row_remap_pending");
            assertThat(d.getReason()).contains("reset at the next job boundary");
        });
    }

    @Test
    void warnsOnPendingPageRetirement() {
        GpuHealthFact g = gpu("n1", 4);
        g.setRetiredPagesPending(true);
        assertThat(evaluate(g)).singleElement().satisfies(d ->
                assertThat(d.getName()).isEqualTo("retired_pages_pending"));
    }

    @Test
    void warnsOnACorrectedErrorRateAboveTheThresholdOnly() {
        GpuHealthFact high = gpu("n1", 4);
        high.setSbeRatePerMin(10.5);
        GpuHealthFact low = gpu("n2", 4);
        low.setSbeRatePerMin(10.0);
        assertThat(evaluate(high, low)).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("ecc_corrected_rate");
            assertThat(d.getNode()).isEqualTo("n1");
            assertThat(d.getSeverity()).isEqualTo("warning");
        });
    }

    @Test
    void saysNothingAboutAHealthyGpu() {
        assertThat(evaluate(gpu("n1", 0))).isEmpty();
    }
}
