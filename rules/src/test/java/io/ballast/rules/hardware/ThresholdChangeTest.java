package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.facts.NicPortFact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A changed copy of the built-in set compiles beside it in one JVM and decides by its own thresholds. */
class ThresholdChangeTest {

    @Test
    void raisedSymbolErrorThresholdSilencesTheWarningOnlyInTheNewSet() {
        Map<String, String> sources = new TreeMap<>(RuleSet.builtIn().sources());
        String thresholds = sources.get("hardware/thresholds.drl");
        sources.put("hardware/thresholds.drl",
                thresholds.replace("symbolErrorsPerMin : double = 1.0", "symbolErrorsPerMin : double = 100.0"));
        RuleEngine raised = RuleEngine.compile(RuleSet.of(sources, "raised-1"));

        NicPortFact p = RuleFixtures.port("n1", 3, "leaf-7");
        p.setSymbolErrorsPerMin(4);
        assertThat(RuleFixtures.evaluate(p)).extracting(d -> d.getName()).containsExactly("symbol_errors");
        assertThat(raised.evaluate(List.of(p))).isEmpty();
        p.setSymbolErrorsPerMin(150);
        assertThat(raised.evaluate(List.of(p))).singleElement()
                .satisfies(d -> assertThat(d.getRuleSetVersion()).isEqualTo("raised-1"));
    }
}
