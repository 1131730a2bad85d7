package io.ballast.rules.hardware;

import io.ballast.rules.Decision;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.NicPortFact;
import io.ballast.rules.facts.XidFact;
import java.util.List;

/** Shared built-in engine (compiled once per JVM, cached) and fact factories for the rule tests. */
final class RuleFixtures {
    static final RuleEngine ENGINE = RuleEngine.compile(RuleSet.builtIn());
    static final XidCatalog CATALOG = XidCatalog.builtIn();
    static final long T0 = 1_700_000_000_000L;

    private RuleFixtures() {}

    static List<Decision> evaluate(Object... facts) {
        return ENGINE.evaluate(List.of(facts));
    }

    static XidFact xid(String node, int gpu, int xid, int countInWindow) {
        return XidFact.of("c1", node, gpu, xid, T0, "NVRM: Xid " + xid, CATALOG, countInWindow);
    }

    static GpuHealthFact gpu(String node, int gpu) {
        return new GpuHealthFact("c1", node, gpu, T0);
    }

    static NicPortFact port(String node, int plane, String sw) {
        NicPortFact p = new NicPortFact();
        p.setCluster("c1");
        p.setNode(node);
        p.setDevice("mlx5_" + plane);
        p.setPort(1);
        p.setPlane(plane);
        p.setSwitchName(sw);
        p.setTs(T0);
        return p;
    }

    static List<Decision> drains(List<Decision> decisions) {
        return decisions.stream().filter(d -> d.getKind() == Decision.Kind.DRAIN).toList();
    }
}
