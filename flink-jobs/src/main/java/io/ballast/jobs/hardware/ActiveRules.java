package io.ballast.jobs.hardware;

import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSetException;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine a hardware function uses right now: the published set in broadcast state once one arrived,
 * else the job's static set. Held per function instance; a switch costs one cache lookup, never a compile per event.
 */
final class ActiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);

    private final RuleEngine fallback;
    private SignedRuleSet seen;
    private RuleEngine engine;

    ActiveRules(RuleEngine fallback) {
        this.fallback = fallback;
    }

    RuleEngine current(ReadOnlyBroadcastState<String, SignedRuleSet> state) throws Exception {
        SignedRuleSet published = state.get(RulesBroadcast.CURRENT);
        if (published == null) {
            return fallback;
        }
        if (published != seen) {
            seen = published;
            try {
                engine = HardwareRules.compile(published.ruleSet()); // compiled by the gate already: a cache hit
            } catch (RuleSetException e) {
                LOG.error("published rule set {} no longer compiles here, running the static set {}: {}",
                        published.getVersion(), fallback.version(), e.getMessage());
                engine = fallback;
            }
        }
        return engine;
    }

    /** Takes a set the gate accepted into broadcast state, unless it does not compile here: then the old set stays. */
    static void accept(SignedRuleSet set, BroadcastState<String, SignedRuleSet> state) throws Exception {
        try {
            HardwareRules.compile(set.ruleSet());
        } catch (RuleSetException e) {
            LOG.error("rule set {} refused, the previous set keeps running: {}", set.getVersion(), e.getMessage());
            return;
        }
        state.put(RulesBroadcast.CURRENT, set);
    }
}
