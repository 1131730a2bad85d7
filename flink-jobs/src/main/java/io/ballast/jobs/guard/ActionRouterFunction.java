package io.ballast.jobs.guard;

import io.ballast.events.Alert;
import io.ballast.events.Drain;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.rules.Decision;
import io.ballast.rules.facts.Clusters;
import io.ballast.rules.hardware.DrainGuard;
import io.ballast.rules.hardware.DrainVerdict;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed by cluster: turns decisions into actions in event-time order (buffered until the watermark, then
 * sorted, so the outcome does not depend on arrival order). Drains pass the blast-radius guard; what it holds
 * back becomes a {@code drain_suppressed} alert. Alert decisions become one firing alert per condition
 * (fingerprint of name and labels) and a resolved alert once the condition has been quiet for
 * {@code resolveAfter}. Firing conditions are removed when resolved; the guard when it holds nothing ({@link #keep}).
 */
public final class ActionRouterFunction extends KeyedProcessFunction<String, GuardEvent, Drain> {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("routed-alerts", new AvroTypeInfo<>(Alert.class));

    private final Configuration conf;
    private final long resolveAfterMs;
    private transient DrainGuard.Config guardConfig;
    private transient ValueState<DrainGuard> guard;
    private transient MapState<Long, DecisionBuffer> pending;
    private transient MapState<String, FiringAlert> firing;

    public ActionRouterFunction(Configuration conf) {
        this.conf = conf;
        this.resolveAfterMs = conf.get(BallastOptions.ALERT_RESOLVE_AFTER).toMillis();
    }

    @Override
    public void open(OpenContext context) {
        guardConfig = Configs.guard(conf);
        guard = getRuntimeContext().getState(new ValueStateDescriptor<>("drain-guard", DrainGuard.class));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-decisions", Long.class, DecisionBuffer.class));
        firing = getRuntimeContext().getMapState(new MapStateDescriptor<>("firing-alerts", String.class, FiringAlert.class));
    }

    @Override
    public void processElement(GuardEvent event, Context ctx, Collector<Drain> out) throws Exception {
        long ts = event.presence != null ? event.presence.ts : event.decision.getTs();
        DecisionBuffer buffer;
        if (ts <= ctx.timerService().currentWatermark()) {
            // Late (event time already passed it, e.g. catching up after an outage): a timer would wait for the
            // next watermark advance, which may be long in coming.
            buffer = new DecisionBuffer();
            add(buffer, event);
            apply(buffer, ts, ctx, out);
            return;
        }
        buffer = pending.get(ts);
        if (buffer == null) {
            buffer = new DecisionBuffer();
            ctx.timerService().registerEventTimeTimer(ts);
        }
        add(buffer, event);
        pending.put(ts, buffer);
    }

    private static void add(DecisionBuffer buffer, GuardEvent event) {
        if (event.presence == null) {
            buffer.decisions.add(event.decision);
        } else if (event.presence.present) {
            buffer.joined++;
        } else {
            buffer.left++;
        }
    }

    /**
     * One instant, in event-time order like everything here: a node that left a day ago no longer counts towards the
     * fleet when a drain at this instant is weighed, however the two arrived (a replay's last watermark fires both).
     */
    private void apply(DecisionBuffer buffer, long ts, Context ctx, Collector<Drain> out) throws Exception {
        if (buffer.joined > 0 || buffer.left > 0) {
            DrainGuard g = guard();
            for (int i = 0; i < buffer.joined; i++) {
                g.nodeJoined();
            }
            for (int i = 0; i < buffer.left; i++) {
                g.nodeLeft();
            }
            keep(g, ts);
        }
        List<Decision> decisions = new ArrayList<>(buffer.decisions);
        decisions.sort(Decision.ORDER);
        for (Decision d : decisions) {
            route(d, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Drain> out) throws Exception {
        DecisionBuffer buffer = pending.get(timestamp);
        if (buffer != null) {
            pending.remove(timestamp);
            apply(buffer, timestamp, ctx, out);
        }
        resolveQuiet(timestamp, ctx);
        DrainGuard g = guard.value();
        if (g != null && g.idle(timestamp)) { // the last drain's timer: apply and drain wrote the guard already
            guard.clear();
        }
    }

    private void route(Decision d, Context ctx, Collector<Drain> out) throws Exception {
        if (d.getKind() == Decision.Kind.DRAIN) {
            drain(d, ctx, out);
        } else {
            alert(d, ctx);
        }
    }

    private void drain(Decision d, Context ctx, Collector<Drain> out) throws Exception {
        DrainGuard g = guard();
        DrainVerdict verdict = g.decide(d.getNode(), d.getTs());
        keep(g, d.getTs());
        if (verdict.outcome() == DrainVerdict.Outcome.ALLOW) {
            // The drain's last claim on the guard: it stops counting after the hold and the rate window.
            ctx.timerService().registerEventTimeTimer(d.getTs() + Math.max(guardConfig.holdMs(), guardConfig.windowMs()));
        }
        switch (verdict.outcome()) {
            case ALLOW -> out.collect(Drain.newBuilder()
                    .setNode(d.getNode())
                    .setReason(d.getReason())
                    .setRule(d.getRule())
                    .setSeverity(d.getSeverity())
                    .setEvidence(new ArrayList<>(d.getEvidence()))
                    .setTs(d.getTs())
                    .setId(d.getId())
                    .setCluster(Clusters.forRecord(d.getCluster()))
                    .setRuleSetVersion(d.getRuleSetVersion())
                    .build());
            case SUPPRESS -> {
                Map<String, String> labels = new TreeMap<>(d.getLabels());
                labels.put("node", d.getNode());
                // One firing alert per held-back node, however often the rules repeat the drain decision.
                fire("drain_suppressed", "critical", "Drain of " + d.getNode() + " held back by the blast-radius guard ("
                        + verdict.reason() + "): " + d.getReason(), d.getCluster(), labels, d, ctx);
            }
            case DUPLICATE -> { } // the node is already drained: nothing new to do
        }
    }

    private void alert(Decision d, Context ctx) throws Exception {
        TreeMap<String, String> labels = new TreeMap<>(d.getLabels());
        if (d.getNode() != null) {
            labels.put("node", d.getNode());
        }
        labels.put("subject", d.getSubject());
        fire(d.getName(), d.getSeverity(), d.getReason(), d.getCluster(), labels, d, ctx);
    }

    /** Emits a firing alert the first time a condition is seen; later sightings only keep it from resolving. */
    private void fire(String name, String severity, String summary, String cluster, Map<String, String> identity, Decision d,
                      Context ctx) throws Exception {
        TreeMap<String, String> labels = new TreeMap<>(identity);
        labels.put("cluster", cluster);
        Alert alert = Alerts.of(name, "firing", severity, summary, labels, d.getTs());
        FiringAlert known = firing.get(alert.getId());
        if (known == null) {
            ctx.output(ALERTS, withRule(alert, d));
            known = new FiringAlert();
            known.name = name;
            known.severity = severity;
            known.summary = summary;
            known.labels = labels;
        }
        known.lastSeen = Math.max(known.lastSeen, d.getTs());
        firing.put(alert.getId(), known);
        ctx.timerService().registerEventTimeTimer(known.lastSeen + resolveAfterMs);
    }

    private void resolveQuiet(long now, OnTimerContext ctx) throws Exception {
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, FiringAlert> e : firing.entries()) {
            if (e.getValue().lastSeen + resolveAfterMs <= now) {
                quiet.add(e.getKey());
            }
        }
        quiet.sort(String::compareTo);
        for (String id : quiet) {
            FiringAlert a = firing.get(id);
            firing.remove(id);
            ctx.output(ALERTS, Alerts.of(a.name, "resolved", a.severity, "quiet for " + resolveAfterMs / 60_000 + " min: " + a.summary,
                    a.labels, now));
        }
    }

    /** The rule and rule-set version travel as labels; they are not part of the alert's identity. */
    private static Alert withRule(Alert alert, Decision d) {
        Map<String, String> labels = new TreeMap<>(alert.getLabels());
        labels.put("rule", d.getRule());
        if (d.getRuleSetVersion() != null) {
            labels.put("rule_set_version", d.getRuleSetVersion());
        }
        alert.setLabels(labels);
        return alert;
    }

    /**
     * The guard's clearing plan: it goes once nothing is left in it (no reporting node, no drain in its hold or rate
     * window), which the last node's expiry or the last drain's timer brings about. No TTL: a stable fleet writes
     * nothing here for days, and forgetting its size would make the fleet limit wrong.
     */
    private void keep(DrainGuard g, long ts) throws Exception {
        if (g.idle(ts)) {
            guard.clear();
        } else {
            guard.update(g);
        }
    }

    private DrainGuard guard() throws Exception {
        DrainGuard g = guard.value();
        return g != null ? g : new DrainGuard(guardConfig);
    }
}
