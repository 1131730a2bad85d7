package io.ballast.jobs.hardware;

import io.ballast.events.Alert;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.io.RawRecord;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.engine.RuleSetException;
import io.ballast.rules.signing.RulesKey;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * Admits published rule sets into the job: only sets signed with the configured key that compile go on to the
 * hardware functions; anything else becomes a {@code rule_set_rejected} alert and the running set stays.
 * Runs once (parallelism 1), so a rejection is one alert, not one per subtask.
 */
public final class RuleSetGate extends ProcessFunction<RawRecord, SignedRuleSet> {
    public static final String REJECTED_ALERT = "rule_set_rejected";
    public static final OutputTag<Alert> REJECTED = new OutputTag<>("rule-set-rejected", new AvroTypeInfo<>(Alert.class));
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetGate.class);

    private final String keyFile;
    private transient RulesKey key;

    public RuleSetGate(Configuration conf) {
        this.keyFile = conf.getOptional(BallastOptions.RULES_KEY_FILE).orElse(null);
    }

    @Override
    public void open(OpenContext context) {
        key = RulesKey.resolve(keyFile).orElse(null);
        if (key == null) {
            LOG.warn("no rules key ({} or env {}): every published rule set will be rejected",
                    BallastOptions.RULES_KEY_FILE.key(), RulesKey.ENV);
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<SignedRuleSet> out) {
        String version = null;
        try {
            SignedRuleSet signed = SignedRuleSet.fromJson(record.payload);
            version = signed.getVersion();
            if (key == null) {
                throw new RuleSetException("rule set " + version + " cannot be verified: no rules key configured");
            }
            RuleSet rules = signed.verified(key);
            RuleEngine engine = HardwareRules.compile(rules);
            LOG.info("rule set {} accepted ({} files) from {}", engine.version(), rules.sources().size(), record.source());
            out.collect(signed);
        } catch (RuleSetException e) {
            LOG.warn("rule set from {} rejected: {}", record.source(), e.getMessage());
            ctx.output(REJECTED, rejected(version, record, e.getMessage()));
        }
    }

    static Alert rejected(String version, RawRecord record, String why) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("rule", "rule set gate");
        labels.put("rule_set_version", version == null ? "unknown" : version);
        labels.put("source", record.source());
        return Alerts.of(REJECTED_ALERT, "firing", "critical",
                "published rule set refused, the previous set keeps running: " + why, labels, record.sourceTs);
    }
}
