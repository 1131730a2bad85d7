package io.ballast.rules.engine;

import io.ballast.rules.Decision;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code out} every DRL rule writes decisions to; stamps the firing rule's name and the rule-set version.
 * One per evaluated batch, never shared between threads.
 */
public final class DecisionCollector {
    private final String ruleSetVersion;
    private final List<Decision> decisions = new ArrayList<>();

    DecisionCollector(String ruleSetVersion) {
        this.ruleSetVersion = ruleSetVersion;
    }

    /** Drain {@code node}; the drain guard downstream may still hold it back. */
    public Decision drain(RuleContext ctx, String cluster, String node, String name, String severity, String reason,
                          long ts) {
        return add(new Decision(Decision.Kind.DRAIN, name, ctx.getRule().getName(), ruleSetVersion, severity, cluster,
                node, node, reason, ts));
    }

    /** Alert about a node. */
    public Decision alert(RuleContext ctx, String cluster, String node, String name, String severity, String reason,
                          long ts) {
        return add(new Decision(Decision.Kind.ALERT, name, ctx.getRule().getName(), ruleSetVersion, severity, cluster,
                node, node, reason, ts));
    }

    /** Alert about something that is not a node (a switch on a plane); {@code node} stays null. */
    public Decision alertOn(RuleContext ctx, String cluster, String subject, String name, String severity,
                            String reason, long ts) {
        return add(new Decision(Decision.Kind.ALERT, name, ctx.getRule().getName(), ruleSetVersion, severity, cluster,
                null, subject, reason, ts));
    }

    private Decision add(Decision d) {
        decisions.add(d);
        return d;
    }

    List<Decision> decisions() {
        return decisions;
    }
}
