package io.ballast.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.hardware.XidCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleEngineTest {
    private static final RuleEngine ENGINE = RuleEngine.compile(RuleSet.builtIn());
    private static final XidCatalog CATALOG = XidCatalog.builtIn();

    private static final String GOOD = """
            package io.ballast.rules.test;
            global io.ballast.rules.engine.DecisionCollector out;
            import io.ballast.rules.facts.XidFact;
            rule "Every Xid raises an info alert"
            when $x : XidFact() then
                out.alert(kcontext, $x.getCluster(), $x.getNode(), "any_xid", "info", "seen", $x.getTs());
            end
            """;

    @Test
    void builtInRuleSetHasAllHardwareFilesAndAContentVersion() {
        assertThat(ENGINE.ruleSet().sources().keySet()).contains("hardware/xid.drl", "hardware/ecc.drl",
                "hardware/interconnect.drl", "hardware/nic.drl", "hardware/correlation.drl", "hardware/thresholds.drl");
        assertThat(ENGINE.version()).matches("sha256:[0-9a-f]{12}");
    }

    @Test
    void decisionsCarryRuleNameAndRuleSetVersion() {
        List<Decision> out = ENGINE.evaluate(List.of(XidFact.of("c1", "n1", 0, 79, 1_000L, "fell off", CATALOG, 1)));
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.getRule()).isEqualTo("An Xid that NVIDIA answers with a node reboot drains the node");
            assertThat(d.getRuleSetVersion()).isEqualTo(ENGINE.version());
        });
    }

    @Test
    void equalFactsGiveEqualDecisions() {
        List<Decision> first = ENGINE.evaluate(batch());
        List<Decision> second = ENGINE.evaluate(batch());
        assertThat(first).hasSizeGreaterThan(2).isEqualTo(second);
        assertThat(first).extracting(Decision::getId).doesNotHaveDuplicates();
    }

    private static List<Object> batch() {
        GpuHealthFact gpu = new GpuHealthFact("c1", "n2", 3, 2_000L);
        gpu.setDbeDelta(1);
        gpu.setRemapPending(true);
        return List.of(XidFact.of("c1", "n1", 0, 79, 1_000L, "m", CATALOG, 1),
                XidFact.of("c1", "n1", 1, 13, 1_000L, "m", CATALOG, 1), gpu);
    }

    @Test
    void explicitVersionIsKeptAndContentHashOtherwise() {
        assertThat(RuleSet.of(Map.of("a.drl", GOOD), "v7").version()).isEqualTo("v7");
        assertThat(RuleSet.of(Map.of("a.drl", GOOD), null).version())
                .isEqualTo(RuleSet.of(Map.of("a.drl", GOOD), "").version()).startsWith("sha256:");
        assertThat(RuleSet.of(Map.of("a.drl", GOOD), null).version())
                .isNotEqualTo(RuleSet.of(Map.of("a.drl", GOOD + "\n"), null).version());
    }

    @Test
    void loadsRulesFromADirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("team"));
        Files.writeString(dir.resolve("team/any.drl"), GOOD);
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        RuleSet set = RuleSet.fromDirectory(dir, "2026-01-01");
        assertThat(set.sources().keySet()).containsExactly("team/any.drl");
        List<Decision> out = RuleEngine.compile(set)
                .evaluate(List.of(XidFact.of(null, "n1", null, 13, 5L, "m", CATALOG, 1)));
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("any_xid");
            assertThat(d.getCluster()).isEqualTo("default");
            assertThat(d.getRuleSetVersion()).isEqualTo("2026-01-01");
        });
    }

    @Test
    void brokenDrlGivesOneLineErrorNamingFileAndLine() {
        String broken = GOOD.replace("$x : XidFact()", "$x : XidFact( xid == )");
        RuleSet set = RuleSet.of(Map.of("team/broken.drl", broken), "bad-1");
        assertThatThrownBy(() -> RuleEngine.compile(set))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("team/broken.drl line 5")
                .hasMessageContaining("bad-1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void ruleSetWithoutTheOutGlobalIsRejected() {
        String noGlobal = GOOD.replace("global io.ballast.rules.engine.DecisionCollector out;", "")
                .replace("out.alert(kcontext, $x.getCluster(), $x.getNode(), \"any_xid\", \"info\", \"seen\", $x.getTs());",
                        "System.out.println($x);");
        assertThatThrownBy(() -> RuleEngine.compile(RuleSet.of(Map.of("g.drl", noGlobal), null)))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("global");
    }

    @Test
    void emptyDirectoryIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> RuleSet.fromDirectory(dir)).isInstanceOf(RuleSetException.class)
                .hasMessageContaining("no .drl");
    }
}
