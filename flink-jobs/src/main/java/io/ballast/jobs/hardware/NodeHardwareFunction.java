package io.ballast.jobs.hardware;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.CounterMap;
import io.ballast.codec.DecodeException;
import io.ballast.events.DeadLetter;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.DeadLetters;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.metrics.Metric;
import io.ballast.jobs.stability.NodeEvidence;
import io.ballast.jobs.time.ExpiryTimer;
import io.ballast.logic.stability.Evidence;
import io.ballast.jobs.state.StateTypes;
import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.NicPortFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.signing.SignedRuleSet;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.hardware.CounterNames;
import io.ballast.rules.hardware.CounterTracker;
import io.ballast.rules.hardware.XidCatalog;
import io.ballast.rules.hardware.XidRecurrence;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyed by (cluster, node), a node's hardware telemetry in one operator, so each node costs one key, one state value
 * and one expiry timer. Xids and GPU samples become facts (Xid class from the versioned catalog, recurrence counts,
 * ECC/NVLink/PCIe counter deltas and rates with reset handling): healthy samples only move baselines; the rules run on
 * notable facts once the watermark passes them (so the outcome does not depend on which input ran ahead), together
 * with the node's other recent notable facts, and each decision is emitted once. NIC counters become per-port deltas
 * (a new boot_id or a decrease is a new baseline, no alert); the port rules run on any error activity at once and go,
 * with GPU-side host evidence, to the cluster-wide correlation ({@link #CORRELATION}), which tells a leaf-switch fault
 * from a node fault. The rules are the published set in broadcast state once one arrived (no restart, keyed state
 * kept), else the job's static set. The node's state expires a day after it last reported ({@link ExpiryTimer}).
 * GPU and NIC samples arrive as their Avro messages and are decoded here; one that does not decode is a dead letter.
 */
public final class NodeHardwareFunction extends KeyedBroadcastProcessFunction<String, Either<NodeMessage, Xid>, SignedRuleSet, Decision> {
    /** NIC error activity with the port rules' decisions, and GPU-side host evidence, for {@link CorrelationFunction}. */
    public static final OutputTag<CorrelationSignal> CORRELATION = new OutputTag<>("correlation-signals", TypeInformation.of(CorrelationSignal.class));
    public static final OutputTag<Metric> NIC_METRICS = new OutputTag<>("nic-metrics", TypeInformation.of(Metric.class));
    public static final OutputTag<NodeEvidence> EVIDENCE = new OutputTag<>("hardware-evidence", TypeInformation.of(NodeEvidence.class));
    public static final OutputTag<NodePresence> NODES = new OutputTag<>("node-presence", TypeInformation.of(NodePresence.class));
    /** GPU and NIC samples whose messages do not decode, or break the contract, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("hardware-dead-letters", TypeInformation.of(DeadLetter.class));
    /** Xid classes that say nothing about the hardware of the node. */
    static final Set<String> NOT_HARDWARE = Set.of("APP", "SYMPATHETIC", "INFO");
    static final Duration STATE_TTL = Duration.ofDays(1);

    private final Configuration conf;
    private final long windowMs;
    private final ExpiryTimer expiry = new ExpiryTimer(STATE_TTL);
    private transient boolean metricsWanted;
    private transient ActiveRules rules;
    private transient XidCatalog catalog;
    private transient ValueState<NodeFacts> facts;
    private transient Counter deadLetters;
    /** Presence, GPU counter tracks and NIC port baselines of the node; named for what it first held (checkpoints keep the name). */
    public static final ValueStateDescriptor<NodeHardware> HARDWARE = new ValueStateDescriptor<>("node-gpus", StateTypes.NODE_HARDWARE);
    private transient ValueState<NodeHardware> hardware;
    /** The last NIC sample's boot id (the very string) and its hash: see {@link #bootHash}. */
    private transient String lastBootId;
    private transient long lastBootHash;

    public NodeHardwareFunction(Configuration conf, Duration window) {
        this.conf = conf;
        this.windowMs = window.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        rules = new ActiveRules(HardwareRules.load(conf));
        catalog = XidCatalog.builtIn();
        metricsWanted = conf.getOptional(BallastOptions.INFLUX_URL).isPresent();
        facts = getRuntimeContext().getState(new ValueStateDescriptor<>("node-facts", NodeFacts.class));
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        hardware = getRuntimeContext().getState(HARDWARE);
    }

    @Override
    public void processElement(Either<NodeMessage, Xid> in, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        if (in.isRight()) {
            xid(in.right(), ctx, out);
            return;
        }
        NodeMessage m = in.left();
        SpecificRecord record;
        try {
            record = AvroCodec.decode(m.message);
        } catch (DecodeException e) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(m.source(), m.message, e.getMessage(), m.sourceTs > 0 ? m.sourceTs : m.ts));
            return;
        }
        if (record instanceof NicCounters nic) {
            nic(nic, ctx);
        } else {
            sample((GpuSample) record, ctx, out); // the decoder sends no other kind as a node message
        }
    }

    @Override
    public void processBroadcastElement(SignedRuleSet set, Context ctx, Collector<Decision> out) throws Exception {
        ActiveRules.accept(set, ctx.getBroadcastState(RulesBroadcast.STATE));
    }

    private void xid(Xid xid, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        hardware.update(presence(Configs.cluster(xid.getCluster()), xid.getNode(), xid.getTs(), ctx));
        NodeFacts f = facts();
        XidFact fact = XidFact.from(xid, catalog, f.recurrence.record(xid.getGpu(), xid.getXid(), xid.getTs()));
        if (!NOT_HARDWARE.contains(fact.getXidClass())) {
            ctx.output(CORRELATION, CorrelationSignal.host(fact.getCluster(), xid.getNode(), "xid=" + xid.getXid(), xid.getTs()));
        }
        f.pendingXids.add(fact);
        await(f, xid.getTs(), ctx, out);
    }

    private void sample(GpuSample sample, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        String cluster = Configs.cluster(sample.getCluster());
        NodeHardware node = presence(cluster, sample.getNode(), sample.getTs(), ctx);
        GpuTrack track = node.track(sample.getGpu());
        CounterDelta d = track.counters.update(sample.getUuid() == null ? "gpu" : sample.getUuid(), sample.getTs(), counters(sample));
        GpuHealthFact fact = new GpuHealthFact(cluster, sample.getNode(), sample.getGpu(), sample.getTs());
        fact.setDbeDelta(d.delta("ecc_dbe_volatile_total"));
        fact.setSbeRatePerMin(d.ratePerMinute("ecc_sbe_volatile_total"));
        fact.setRemapPending(Boolean.TRUE.equals(sample.getRemapPending()));
        fact.setRemapFailure(Boolean.TRUE.equals(sample.getRemapFailure()));
        fact.setRetiredPagesPending(Boolean.TRUE.equals(sample.getRetiredPagesPending()));
        double nvlink = d.ratePerMinute("nvlink_crc_errors_total") + d.ratePerMinute("nvlink_replay_errors_total")
                + d.ratePerMinute("nvlink_recovery_errors_total");
        fact.setNvlinkErrorsPerMin(nvlink);
        fact.setNvlinkMinutesSustained(track.nvlink.update(sample.getTs(), nvlink, 0.0));
        double pcie = d.ratePerMinute("pcie_replay_total");
        fact.setPcieReplaysPerMin(pcie);
        fact.setPcieMinutesSustained(track.pcie.update(sample.getTs(), pcie, 0.0));
        hardware.update(node);
        if (pcie > 0) {
            ctx.output(CORRELATION, CorrelationSignal.host(cluster, sample.getNode(), "pcie_replay", sample.getTs()));
        }
        NodeFacts f = facts.value(); // none for a healthy node: its sample only moves baselines
        if (notable(fact) || f != null && f.tracks(sample.getGpu())) {
            // Kept while notable, replaced by the first healthy sample after, so rules see the GPU recover.
            f = f != null ? f : facts();
            f.pendingGpus.add(fact);
            await(f, sample.getTs(), ctx, out);
        }
    }

    private void nic(NicCounters sample, ReadOnlyContext ctx) throws Exception {
        NodeHardware node = presence(Configs.cluster(sample.getCluster()), sample.getNode(), sample.getTs(), ctx);
        CounterDelta delta = node.tracker(sample.getDevice(), sample.getPort()).update(bootHash(sample.getBootId()), sample.getTs(), sample.getCounters());
        hardware.update(node);
        if (delta.isBaseline() || delta.isStale()) {
            return; // first sample, or the counter source restarted: a new baseline, nothing to say yet
        }
        NicPortFact fact = NicPortFact.from(sample, delta);
        if (metricsWanted) {
            NicRates.metric(fact, delta.getRatesPerMinute()).ifPresent(m -> ctx.output(NIC_METRICS, m));
        }
        if (NicRates.quiet(fact)) {
            return;
        }
        List<Decision> decisions = rules.current(ctx.getBroadcastState(RulesBroadcast.STATE)).evaluate(List.of(fact));
        ctx.output(CORRELATION, CorrelationSignal.nic(fact, decisions));
    }

    /** A boot id's hash, kept for the next sample: a node's ports come one after another with the same id string. */
    private long bootHash(String bootId) {
        if (bootId == null || bootId != lastBootId) {
            lastBootHash = CounterTracker.hash(bootId);
            lastBootId = bootId;
        }
        return lastBootHash;
    }

    /**
     * Rules run when the watermark passes the fact: Xids and GPU samples come on separate streams. A late fact (event
     * time already past it, e.g. one stream catching up after an outage) is decided at once: a timer would wait for
     * the next watermark advance, which may be long in coming.
     */
    private void await(NodeFacts f, long ts, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (ts <= watermark) {
            f.applyDue(watermark);
            decide(f, ts, ctx, out);
            return;
        }
        facts.update(f);
        ctx.timerService().registerEventTimeTimer(ts);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        NodeFacts f = facts.value();
        if (f != null && f.applyDue(timestamp)) {
            decide(f, timestamp, ctx, out);
        }
        NodeHardware node = hardware.value();
        if (node != null && expiry.expired(timestamp, node.lastSeen())) {
            facts.clear();
            hardware.clear();
            String key = ctx.getCurrentKey();
            ctx.output(NODES, new NodePresence(NodeKey.cluster(key, node.clusterLength()), NodeKey.node(key, node.clusterLength()), timestamp, false));
        }
    }

    /** The node's hardware state: announced to the drain guard on first sight, its expiry timer moved along. */
    private NodeHardware presence(String cluster, String node, long ts, ReadOnlyContext ctx) throws Exception {
        NodeHardware g = hardware.value();
        if (g == null) {
            g = new NodeHardware(cluster.length());
            ctx.output(NODES, new NodePresence(cluster, node, ts, true));
        }
        if (ts > g.lastSeen()) {
            // Before any fact timer is registered: moving the expiry timer deletes the old one, whatever shares its time.
            expiry.touch(ctx.timerService(), g.lastSeen(), ts);
            g.seen(ts);
        }
        return g;
    }

    private NodeFacts facts() throws Exception {
        NodeFacts f = facts.value();
        if (f == null) {
            f = new NodeFacts();
            f.recurrence = new XidRecurrence(windowMs);
        }
        return f;
    }

    private void decide(NodeFacts f, long ts, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        f.prune(ts, windowMs);
        for (Decision d : rules.current(ctx.getBroadcastState(RulesBroadcast.STATE)).evaluate(f.all())) {
            if (f.decided.putIfAbsent(d.getId(), d.getTs()) != null) {
                continue; // already taken when this fact first arrived
            }
            out.collect(d);
            if (d.getNode() != null && !"info".equals(d.getSeverity())) {
                Evidence.Kind kind = d.getLabels().containsKey("xid") ? Evidence.Kind.XID : Evidence.Kind.ECC;
                ctx.output(EVIDENCE, new NodeEvidence(d.getCluster(), d.getNode(), kind, d.getTs(), null, d.getName() + ": " + d.getReason()));
            }
        }
        if (f.isEmpty()) {
            facts.clear();
        } else {
            facts.update(f);
        }
    }

    static boolean notable(GpuHealthFact f) {
        return f.getDbeDelta() > 0 || f.getSbeRatePerMin() > 0 || f.isRemapPending() || f.isRemapFailure() || f.isRetiredPagesPending()
                || f.getNvlinkErrorsPerMin() > 0 || f.getPcieReplaysPerMin() > 0;
    }

    static Map<String, Long> counters(GpuSample s) {
        // Read once into the tracker's sorted arrays: no order needed, and no hash table or boxing for six counters.
        CounterMap c = new CounterMap(6);
        put(c, "ecc_sbe_volatile_total", s.getEccSbeVolatileTotal());
        put(c, "ecc_dbe_volatile_total", s.getEccDbeVolatileTotal());
        put(c, "nvlink_crc_errors_total", s.getNvlinkCrcErrorsTotal());
        put(c, "nvlink_replay_errors_total", s.getNvlinkReplayErrorsTotal());
        put(c, "nvlink_recovery_errors_total", s.getNvlinkRecoveryErrorsTotal());
        put(c, "pcie_replay_total", s.getPcieReplayTotal());
        return c;
    }

    private static void put(CounterMap c, String name, Long value) {
        if (value != null) {
            c.addDistinct(name, CounterNames.idOf(name), value); // six different names, each its own literal: one probe
        }
    }
}
