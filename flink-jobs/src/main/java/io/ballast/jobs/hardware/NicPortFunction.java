package io.ballast.jobs.hardware;

import io.ballast.events.NicCounters;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.state.StateTypes;
import io.ballast.jobs.time.ExpiryTimer;
import io.ballast.jobs.metrics.Metric;
import io.ballast.rules.Decision;
import io.ballast.rules.facts.NicPortFact;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;
import java.util.Map;

/**
 * Keyed by (cluster, node), one counter baseline per port of the node (a key per node, not per port, keeps the
 * keys and timers that every checkpoint writes eight times fewer): deltas and rates of each port's cumulative counters (a new boot_id or
 * a decrease is a reset: new baseline, no alert), the port rules on any error activity, and a correlation
 * signal so the cluster-wide correlation can tell a leaf-switch fault from a node fault.
 * The baselines expire a day after the node last reported ({@link ExpiryTimer}); a port that stops reporting on a
 * live node keeps its few bytes until then. Rules come from broadcast state
 * (see {@link ActiveRules}). Per-port rate metrics are built only when they have somewhere to go (InfluxDB).
 */
public final class NicPortFunction extends KeyedBroadcastProcessFunction<String, NicCounters, SignedRuleSet, CorrelationSignal> {
    public static final OutputTag<Metric> METRICS = new OutputTag<>("nic-metrics", TypeInformation.of(Metric.class));
    /** Rates worth a dashboard series; error counters plus throughput. */
    static final List<String> RATE_FIELDS = List.of("symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
            "port_rcv_remote_physical_errors", "port_xmit_discards", "port_xmit_wait", "port_xmit_data", "port_rcv_data",
            "out_of_sequence", "np_cnp_sent", "rp_cnp_handled", "rx_errors", "tx_dropped");

    private final Configuration conf;
    private final ExpiryTimer expiry = new ExpiryTimer(NodeHardwareFunction.STATE_TTL);
    private transient boolean metricsWanted;
    private transient ActiveRules rules;
    /** Counter baselines per port of the node, and when it last reported. */
    public static final ValueStateDescriptor<NodePorts> PORTS = new ValueStateDescriptor<>("nic-node-ports", StateTypes.NODE_PORTS);
    private transient ValueState<NodePorts> ports;

    public NicPortFunction(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public void open(OpenContext context) {
        rules = new ActiveRules(HardwareRules.load(conf));
        metricsWanted = conf.getOptional(BallastOptions.INFLUX_URL).isPresent();
        ports = getRuntimeContext().getState(PORTS);
    }

    @Override
    public void processElement(NicCounters sample, ReadOnlyContext ctx, Collector<CorrelationSignal> out) throws Exception {
        NodePorts node = ports.value();
        if (node == null) {
            node = new NodePorts();
        }
        CounterDelta delta = node.tracker(sample.getDevice(), sample.getPort()).update(sample.getBootId(), sample.getTs(), sample.getCounters());
        if (sample.getTs() > node.lastSeen()) {
            expiry.touch(ctx.timerService(), node.lastSeen(), sample.getTs());
            node.seen(sample.getTs());
        }
        ports.update(node);
        if (delta.isBaseline() || delta.isStale()) {
            return; // first sample, or the counter source restarted: a new baseline, nothing to say yet
        }
        NicPortFact fact = NicPortFact.from(sample, delta);
        if (metricsWanted) {
            emitRates(ctx, fact, delta.getRatesPerMinute());
        }
        if (!fact.hasErrors() && fact.getRemotePhysicalErrorsDelta() == 0 && fact.getXmitDiscardsDelta() == 0
                && fact.getSaturatedCounters().isEmpty()) {
            return;
        }
        CorrelationSignal signal = new CorrelationSignal();
        signal.cluster = fact.getCluster();
        signal.node = fact.getNode();
        signal.ts = fact.getTs();
        signal.plane = fact.getPlane();
        signal.switchName = fact.getSwitchName();
        signal.nicErrors = fact.hasErrors();
        List<Decision> decisions = rules.current(ctx.getBroadcastState(RulesBroadcast.STATE)).evaluate(List.of(fact));
        signal.portDecisions.addAll(decisions);
        out.collect(signal);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CorrelationSignal> out) throws Exception {
        NodePorts node = ports.value();
        if (node != null && expiry.expired(timestamp, node.lastSeen())) {
            ports.clear();
        }
    }

    @Override
    public void processBroadcastElement(SignedRuleSet set, Context ctx, Collector<CorrelationSignal> out) throws Exception {
        ActiveRules.accept(set, ctx.getBroadcastState(RulesBroadcast.STATE));
    }

    private static void emitRates(ReadOnlyContext ctx, NicPortFact fact, Map<String, Double> rates) {
        Metric m = Metric.of("nic_rates", fact.getTs()).tag("cluster", fact.getCluster()).tag("node", fact.getNode())
                .tag("port", fact.portName()).tag("plane", fact.getPlane()).tag("switch", fact.getSwitchName());
        for (String name : RATE_FIELDS) {
            Double rate = rates.get(name);
            if (rate != null) {
                m.field(name + "_per_min", rate);
            }
        }
        if (!m.fields.isEmpty()) {
            ctx.output(METRICS, m);
        }
    }
}
