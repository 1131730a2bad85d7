package io.ballast.jobs.backtest;

import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.engine.RuleSetException;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.JsonLinesTraceWriter;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backtesting a rule change on a simulator trace: only what the change touches differs. */
class BacktestTest {
    @TempDir
    Path dir;

    @Test
    void downgradingTheSwitchIncidentShowsAsChangedSeverityOnALeafSwitchTrace() throws Exception {
        Path trace = dir.resolve("leaf.jsonl.gz");
        FleetSimulator sim = new FleetSimulator(SimConfig.defaults().withDuration(Duration.ofMinutes(3)),
                FaultScript.defaults().only(FaultKind.LEAF_SWITCH));
        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(trace)) {
            for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
                writer.write(it.next());
            }
        }
        Path a = write(dir.resolve("a"), RuleSet.builtIn().sources());
        Map<String, String> changed = new java.util.TreeMap<>(RuleSet.builtIn().sources());
        String correlation = changed.get("hardware/correlation.drl");
        String downgraded = correlation.replace("\"switch_incident\",\n            \"critical\"", "\"switch_incident\",\n            \"warning\"");
        assertThat(downgraded).isNotEqualTo(correlation);
        changed.put("hardware/correlation.drl", downgraded);
        Path b = write(dir.resolve("b"), changed);

        List<ActionDiff.Change> changes = Backtest.diff(trace, a, b, new Configuration(), dir.resolve("work"));

        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ActionDiff.Change.Kind.CHANGED);
            assertThat(c.subject()).startsWith("alert switch_incident ");
            assertThat(c.fields()).containsExactly("severity");
        });
        assertThat(changes).anySatisfy(c -> assertThat(c.subject()).startsWith("alert switch_incident firing"));
    }

    @Test
    void aBrokenRuleSetFailsWithOneLineBeforeAnyReplay() throws Exception {
        Path good = write(dir.resolve("good"), RuleSet.builtIn().sources());
        Path broken = write(dir.resolve("broken"), Map.of("hardware/bad.drl",
                "package x;\nglobal io.ballast.rules.engine.DecisionCollector out;\nrule \"r\" when Foo( then end\n"));
        assertThatThrownBy(() -> Backtest.diff(dir.resolve("no-trace-needed.jsonl"), good, broken, new Configuration(), dir.resolve("w")))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("hardware/bad.drl line")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static Path write(Path dir, Map<String, String> sources) throws IOException {
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        return dir;
    }
}
