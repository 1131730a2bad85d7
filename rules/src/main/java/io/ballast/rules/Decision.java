package io.ballast.rules;

import io.ballast.rules.hardware.ActionIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a rule decided: drain a node or raise an alert, with the rule's name, the rule-set version, a reason and the
 * evidence behind it. The id is deterministic (kind, name, cluster, subject, ts), so a replay gives the same ids.
 */
public class Decision {
    /** DRAIN takes a node out of service (through the drain guard); ALERT pages or informs on-call. */
    public enum Kind { DRAIN, ALERT }

    /** Stable output order for a batch, independent of rule firing order. */
    public static final Comparator<Decision> ORDER = Comparator.comparingLong(Decision::getTs)
            .thenComparing(Decision::getKind)
            .thenComparing(Decision::getSubject)
            .thenComparing(Decision::getName)
            .thenComparing(Decision::getRule);

    private Kind kind;
    private String id;
    private String name;
    private String rule;
    private String ruleSetVersion;
    private String severity;
    private String cluster;
    private String node;
    private String subject;
    private String reason;
    private List<String> evidence = new ArrayList<>();
    private Map<String, String> labels = new TreeMap<>();
    private long ts;

    public Decision() {}

    /**
     * @param node the node a drain or node alert is about; null for switch-level alerts
     * @param subject what the decision names: the node, or e.g. "leaf-07/plane-3"
     */
    public Decision(Kind kind, String name, String rule, String ruleSetVersion, String severity, String cluster,
                    String node, String subject, String reason, long ts) {
        this.kind = kind;
        this.name = name;
        this.rule = rule;
        this.ruleSetVersion = ruleSetVersion;
        this.severity = severity;
        this.cluster = cluster;
        this.node = node;
        this.subject = subject;
        this.reason = reason;
        this.ts = ts;
        this.id = ActionIds.of(kind.name(), name, cluster, subject, Long.toString(ts));
    }

    /** Adds evidence lines (e.g. "xid=79", "catalog=2025-10-29"); returns this for chaining in DRL. */
    public Decision evidence(String... lines) {
        Collections.addAll(evidence, lines);
        return this;
    }

    /** Adds a label (e.g. gpu, plane, port) unless the value is null; returns this for chaining in DRL. */
    public Decision label(String key, Object value) {
        if (value == null) {
            return this;
        }
        labels.put(key, String.valueOf(value));
        return this;
    }

    public Kind getKind() { return kind; }
    public void setKind(Kind kind) { this.kind = kind; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    /** The DRL rule name that decided it. */
    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public String getRuleSetVersion() { return ruleSetVersion; }
    public void setRuleSetVersion(String ruleSetVersion) { this.ruleSetVersion = ruleSetVersion; }
    /** critical, warning or info. */
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public List<String> getEvidence() { return evidence; }
    public void setEvidence(List<String> evidence) { this.evidence = evidence; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Decision d)) {
            return false;
        }
        return ts == d.ts && kind == d.kind && Objects.equals(id, d.id) && Objects.equals(name, d.name)
                && Objects.equals(rule, d.rule) && Objects.equals(ruleSetVersion, d.ruleSetVersion)
                && Objects.equals(severity, d.severity) && Objects.equals(cluster, d.cluster)
                && Objects.equals(node, d.node) && Objects.equals(subject, d.subject)
                && Objects.equals(reason, d.reason) && Objects.equals(evidence, d.evidence)
                && Objects.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, name, rule, ruleSetVersion, severity, cluster, node, subject, reason, evidence,
                labels, ts);
    }

    @Override
    public String toString() {
        return kind + " " + name + " [" + severity + "] " + subject + " by '" + rule + "' (" + ruleSetVersion + "): "
                + reason + " " + evidence + " " + labels;
    }
}
