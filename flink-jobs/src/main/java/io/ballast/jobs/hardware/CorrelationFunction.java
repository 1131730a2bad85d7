package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.stability.NodeEvidence;
import io.ballast.logic.stability.Evidence;
import io.ballast.rules.Decision;
import io.ballast.rules.hardware.SwitchCorrelator;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Keyed by cluster: the same NIC errors on one plane behind one leaf switch on many nodes are one switch
 * incident (one alert, no drains); errors on several planes of a node, or NIC errors with GPU evidence, are a
 * node incident (drain). Port-level warnings are held for {@code hold} of event time and dropped when a
 * switch incident explains them, so on-call gets the switch alert and not a page per port. Rules come from
 * broadcast state (see {@link ActiveRules}).
 */
public final class CorrelationFunction extends KeyedBroadcastProcessFunction<String, CorrelationSignal, SignedRuleSet, Decision> {
    public static final OutputTag<NodeEvidence> EVIDENCE = new OutputTag<>("nic-evidence", TypeInformation.of(NodeEvidence.class));

    private final Configuration conf;
    private final long holdMs;
    private transient SwitchCorrelator.Config correlatorConfig;
    private transient ActiveRules rules;
    private transient ValueState<SwitchCorrelator> correlator;
    private transient ValueState<HeldDecisions> held;

    public CorrelationFunction(Configuration conf) {
        this.conf = conf;
        this.holdMs = conf.get(BallastOptions.NIC_HOLD).toMillis();
    }

    @Override
    public void open(OpenContext context) {
        rules = new ActiveRules(HardwareRules.load(conf));
        correlatorConfig = Configs.correlator(conf);
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(1)).build();
        ValueStateDescriptor<SwitchCorrelator> c = new ValueStateDescriptor<>("switch-correlator", SwitchCorrelator.class);
        c.enableTimeToLive(ttl);
        correlator = getRuntimeContext().getState(c);
        ValueStateDescriptor<HeldDecisions> h = new ValueStateDescriptor<>("held-port-decisions", HeldDecisions.class);
        h.enableTimeToLive(ttl);
        held = getRuntimeContext().getState(h);
    }

    @Override
    public void processElement(CorrelationSignal signal, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        SwitchCorrelator c = correlator.value();
        if (c == null) {
            c = new SwitchCorrelator(correlatorConfig);
        }
        if (signal.hostEvidence != null) {
            c.observeHostEvidence(signal.node, signal.hostEvidence, signal.ts);
        }
        if (signal.nicErrors) {
            c.observeNicErrors(signal.node, signal.plane, signal.switchName, signal.ts);
        }
        correlator.update(c);
        if (!signal.portDecisions.isEmpty()) {
            HeldDecisions h = held.value() == null ? new HeldDecisions() : held.value();
            for (Decision d : signal.portDecisions) {
                HeldDecisions.Held item = new HeldDecisions.Held();
                item.decision = d;
                item.plane = signal.plane;
                item.switchName = signal.switchName;
                item.ts = signal.ts;
                h.items.add(item);
            }
            held.update(h);
        }
        if (signal.nicErrors || !signal.portDecisions.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(signal.ts + holdMs);
        }
    }

    @Override
    public void processBroadcastElement(SignedRuleSet set, Context ctx, Collector<Decision> out) throws Exception {
        ActiveRules.accept(set, ctx.getBroadcastState(RulesBroadcast.STATE));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        SwitchCorrelator c = correlator.value();
        if (c == null) {
            return;
        }
        SwitchCorrelator.Correlation found = c.evaluate(ctx.getCurrentKey(), timestamp);
        correlator.update(c);
        if (!found.isEmpty()) {
            List<Object> facts = new ArrayList<>(found.switchIncidents());
            facts.addAll(found.nodeIncidents());
            facts.addAll(found.singlePorts());
            for (Decision d : rules.current(ctx.getBroadcastState(RulesBroadcast.STATE)).evaluate(facts)) {
                emit(d, ctx, out);
            }
        }
        HeldDecisions h = held.value();
        if (h == null) {
            return;
        }
        for (Iterator<HeldDecisions.Held> it = h.items.iterator(); it.hasNext(); ) {
            HeldDecisions.Held item = it.next();
            if (item.ts + holdMs <= timestamp) {
                it.remove();
                if (!c.explainedBySwitch(item.plane, item.switchName)) {
                    emit(item.decision, ctx, out);
                }
            }
        }
        if (h.items.isEmpty()) {
            held.clear();
        } else {
            held.update(h);
        }
    }

    private static void emit(Decision d, OnTimerContext ctx, Collector<Decision> out) {
        out.collect(d);
        if (d.getNode() != null && !"info".equals(d.getSeverity())) {
            ctx.output(EVIDENCE, new NodeEvidence(d.getCluster(), d.getNode(), Evidence.Kind.NIC, d.getTs(), null, d.getName() + ": " + d.getReason()));
        }
    }
}
