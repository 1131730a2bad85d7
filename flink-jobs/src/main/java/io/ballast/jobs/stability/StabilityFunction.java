package io.ballast.jobs.stability;

import io.ballast.events.Alert;
import io.ballast.events.JobTopology;
import io.ballast.events.Rollback;
import io.ballast.events.TrainStep;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.stability.CheckpointRegistry;
import io.ballast.logic.stability.CheckpointRegistryState;
import io.ballast.logic.stability.Evidence;
import io.ballast.logic.stability.RollbackPlan;
import io.ballast.logic.stability.RollbackPlanner;
import io.ballast.logic.stability.SpikeDetector;
import io.ballast.logic.stability.SpikeFinding;
import io.ballast.logic.stability.SpikeState;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.Decision;
import io.ballast.rules.facts.Clusters;
import io.ballast.rules.hardware.ActionIds;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed by (cluster, job): watches loss and grad-norm for spikes, keeps the job's saved checkpoints, and
 * turns a persistent spike into one rollback to the newest checkpoint before the first sign of trouble,
 * using the hardware and SDC evidence broadcast from the job's nodes. A transient spike is an info alert.
 * Nodes with a failed SDC check before the spike become drain candidates for the drain guard.
 * A plan waits for the watermark to pass the spike so evidence that arrived out of order is not missed; an opened
 * spike the watermark passed before its evidence came (an idle sparse input, a backlog read topic by topic) is
 * decided when that late evidence arrives, so the outcome does not depend on which input ran ahead.
 */
public final class StabilityFunction extends KeyedBroadcastProcessFunction<String, JobSignal, NodeEvidence, Rollback> {
    public static final MapStateDescriptor<String, EvidenceLog> EVIDENCE =
            new MapStateDescriptor<>("node-evidence", Types.STRING, TypeInformation.of(EvidenceLog.class));
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("stability-alerts", new AvroTypeInfo<>(Alert.class));
    public static final OutputTag<Decision> DRAIN_CANDIDATES = new OutputTag<>("stability-drains", TypeInformation.of(Decision.class));
    public static final OutputTag<Metric> METRICS = new OutputTag<>("stability-metrics", TypeInformation.of(Metric.class));
    static final String SDC_RULE = "Drain a node whose failed SDC check preceded a persistent loss spike";

    private final StabilityConfig config;
    private final long cooldownMs;
    private transient SpikeDetector detector;
    private transient CheckpointRegistry registry;
    private transient RollbackPlanner planner;
    private transient ValueState<SpikeState> spikes;
    private transient ValueState<CheckpointRegistryState> checkpoints;
    private transient ValueState<JobTopology> topology;
    private transient ValueStateDescriptor<PendingRollback> pendingDescriptor;
    private transient ValueState<PendingRollback> pending;
    private transient ValueState<LastRollback> lastRollback;

    public StabilityFunction(StabilityConfig config, Duration cooldown) {
        this.config = config;
        this.cooldownMs = cooldown.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        detector = new SpikeDetector(config);
        registry = new CheckpointRegistry(config);
        planner = new RollbackPlanner(config);
        // A job silent for a week is gone; its state with it.
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(7)).build();
        spikes = state("spikes", TypeInformation.of(SpikeState.class), ttl);
        checkpoints = state("checkpoints", TypeInformation.of(CheckpointRegistryState.class), ttl);
        topology = state("topology", new AvroTypeInfo<>(JobTopology.class), ttl);
        pendingDescriptor = descriptor("pending-rollback", TypeInformation.of(PendingRollback.class), ttl);
        pending = getRuntimeContext().getState(pendingDescriptor);
        lastRollback = state("last-rollback", TypeInformation.of(LastRollback.class), ttl);
    }

    private <T> ValueState<T> state(String name, TypeInformation<T> type, StateTtlConfig ttl) {
        return getRuntimeContext().getState(descriptor(name, type, ttl));
    }

    private static <T> ValueStateDescriptor<T> descriptor(String name, TypeInformation<T> type, StateTtlConfig ttl) {
        ValueStateDescriptor<T> descriptor = new ValueStateDescriptor<>(name, type);
        descriptor.enableTimeToLive(ttl);
        return descriptor;
    }

    @Override
    public void processElement(JobSignal signal, ReadOnlyContext ctx, Collector<Rollback> out) throws Exception {
        if (signal.topology != null) {
            JobTopology known = topology.value();
            if (known == null || known.getTs() <= signal.topology.getTs()) {
                topology.update(signal.topology);
            }
        } else if (signal.checkpoint != null) {
            CheckpointRegistryState s = orNew(checkpoints.value(), new CheckpointRegistryState());
            registry.record(s, signal.checkpoint);
            checkpoints.update(s);
        } else if (signal.trainStep != null) {
            onStep(signal.trainStep, ctx);
        }
    }

    private void onStep(TrainStep step, ReadOnlyContext ctx) throws Exception {
        String cluster = Configs.cluster(step.getCluster());
        LastRollback last = lastRollback.value();
        if (last != null && !last.applied && step.getStep() < last.spikeStep) {
            last.applied = true; // the trainer restarted from the checkpoint
            lastRollback.update(last);
        }
        SpikeState s = orNew(spikes.value(), new SpikeState());
        List<SpikeFinding> findings = detector.observe(s, step);
        spikes.update(s);
        boolean spiking = false;
        for (SpikeFinding f : findings) {
            switch (f.kind()) {
                case OPENED -> {
                    spiking = true;
                    // If hardware or SDC evidence on the job's nodes precedes the onset, the state is suspect now:
                    // waiting tens of steps for "persistent" would burn GPU hours on corrupted weights. Checked on
                    // the timer, once the watermark guarantees that evidence up to the onset has arrived.
                    PendingRollback candidate = toPending(f);
                    candidate.needsCorroboration = true;
                    pending.update(candidate);
                    ctx.timerService().registerEventTimeTimer(f.ts());
                }
                case TRANSIENT -> ctx.output(ALERTS, Alerts.of("loss_spike_transient", "firing", "info", f.summary(),
                        labels(cluster, f.job(), "onset_step", Long.toString(f.onsetStep())), f.ts()));
                case PERSISTENT -> {
                    if (s.rollbackPlannedForOnset == f.onsetStep()) {
                        break; // already rolled back at the corroborated onset
                    }
                    pending.update(toPending(f));
                    ctx.timerService().registerEventTimeTimer(f.ts());
                }
                case CLOSED -> ctx.output(ALERTS, Alerts.of("training_rollback", "resolved", "critical", f.summary(),
                        labels(cluster, f.job()), f.ts()));
            }
        }
        ctx.output(METRICS, Metric.of("training", step.getTs()).tag("cluster", cluster).tag("job", step.getJob())
                .field("loss", step.getLoss())
                .field("grad_norm", step.getGradNorm() == null ? Double.NaN : step.getGradNorm())
                .field("lr", step.getLr() == null ? Double.NaN : step.getLr())
                .field("step", step.getStep())
                .field("spike", spiking || s.open ? 1 : 0)
                .field("non_finite", Double.isFinite(step.getLoss()) ? 0 : 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Rollback> out) throws Exception {
        PendingRollback p = pending.value();
        if (p == null || p.ts > timestamp) {
            return;
        }
        decide(ctx.getCurrentKey(), p, ctx.getBroadcastState(EVIDENCE), ctx::output, out);
    }

    /**
     * Plans the rollback {@code p} stands for, with the evidence known now. An opened spike without evidence before
     * its onset stays pending, awaiting evidence that comes late, until the job's next spike finding replaces it or
     * its state expires; every other outcome clears it.
     */
    private void decide(String key, PendingRollback p, ReadOnlyBroadcastState<String, EvidenceLog> evidenceState, SideOutputs ctx,
                        Collector<Rollback> out) throws Exception {
        String job = key.substring(key.indexOf('/') + 1);
        String cluster = key.substring(0, key.indexOf('/'));
        List<Evidence> evidence = evidenceFor(evidenceState, cluster, topology.value(), p.onsetTs);
        if (p.needsCorroboration && evidence.stream().noneMatch(e -> e.ts() <= p.onsetTs)) {
            if (!p.awaitingEvidence) {
                p.awaitingEvidence = true; // an uncorroborated spike: wait and see whether it persists, or evidence comes late
                pending.update(p);
            }
            return;
        }
        pending.clear();
        SpikeFinding incident = new SpikeFinding(p.needsCorroboration ? SpikeFinding.Kind.OPENED : SpikeFinding.Kind.PERSISTENT,
                job, p.step, p.ts, p.onsetStep, p.onsetTs,
                p.trigger, p.peakStep, p.peakLoss, p.baselineMedian, p.summary);
        LastRollback last = lastRollback.value();
        if (last != null && !last.applied && p.ts - last.ts < cooldownMs) {
            return; // one rollback per incident: the loss is still high because the last one has not been applied yet
        }
        SpikeState s = orNew(spikes.value(), new SpikeState());
        CheckpointRegistryState c = orNew(checkpoints.value(), new CheckpointRegistryState());
        java.util.Optional<RollbackPlan> plan = planner.plan(s, incident, c, evidence);
        spikes.update(s);
        if (plan.isEmpty()) {
            return;
        }
        RollbackPlan r = plan.get();
        out.collect(toRollback(r, cluster, p.ts));
        LastRollback memo = new LastRollback();
        memo.ts = p.ts;
        memo.spikeStep = r.spikeStep();
        lastRollback.update(memo);
        String target = r.hasTarget() ? "step " + r.targetStep() + " (" + r.targetUri() + ")" : "no saved checkpoint before the trouble";
        ctx.output(ALERTS, Alerts.of("training_rollback", "firing", "critical",
                "Roll " + job + " back to " + target + ": " + r.reason(), labels(cluster, job), p.ts));
        for (Evidence e : evidence) {
            if (e.kind() == Evidence.Kind.SDC_FAILED && r.suspectNodes().contains(e.node())) {
                ctx.output(DRAIN_CANDIDATES, new Decision(Decision.Kind.DRAIN, "sdc_corroborated_spike", SDC_RULE, "java", "critical",
                        cluster, e.node(), e.node(), "failed SDC check before a persistent loss spike on " + job, p.ts)
                        .evidence(e.describe(), "rollback of " + job + " from step " + r.spikeStep()));
            }
        }
    }

    @Override
    public void processBroadcastElement(NodeEvidence e, Context ctx, Collector<Rollback> out) throws Exception {
        BroadcastState<String, EvidenceLog> state = ctx.getBroadcastState(EVIDENCE);
        String prefix = Configs.cluster(e.cluster) + "/";
        EvidenceLog log = orNew(state.get(prefix + e.node), new EvidenceLog());
        log.add(e, config.evidenceLookbackMs());
        state.put(prefix + e.node, log);
        if (e.ts <= ctx.currentWatermark()) {
            // Late: event time has passed it, so a spike of the cluster's jobs it may corroborate was judged without it.
            ctx.applyToKeyedState(pendingDescriptor, (key, p) -> {
                PendingRollback waiting = p.value();
                if (waiting != null && waiting.awaitingEvidence && key.startsWith(prefix)) {
                    decide(key, waiting, state, ctx::output, out);
                }
            });
        }
    }

    private List<Evidence> evidenceFor(ReadOnlyBroadcastState<String, EvidenceLog> state, String cluster, JobTopology topo, long onsetTs)
            throws Exception {
        List<Evidence> evidence = new ArrayList<>();
        if (topo == null) {
            return evidence;
        }
        for (String node : topo.getNodes()) {
            EvidenceLog log = state.get(cluster + "/" + node);
            if (log != null) {
                for (NodeEvidence e : log.entries) {
                    if (e.ts >= onsetTs - config.evidenceLookbackMs()) {
                        evidence.add(e.toEvidence());
                    }
                }
            }
        }
        evidence.sort(java.util.Comparator.comparingLong(Evidence::ts).thenComparing(Evidence::node));
        return evidence;
    }

    private static Rollback toRollback(RollbackPlan r, String cluster, long ts) {
        return Rollback.newBuilder()
                .setJob(r.job())
                .setSpikeStep(r.spikeStep())
                .setTargetStep(r.targetStep())
                .setTargetUri(r.targetUri())
                .setSkipFromStep(r.skipFromStep())
                .setSkipToStep(r.skipToStep())
                .setSuspectNodes(new ArrayList<>(r.suspectNodes()))
                .setReason(r.reason())
                .setEvidence(new ArrayList<>(r.evidence()))
                .setTs(ts)
                .setId(ActionIds.of("rollback", cluster, r.job(), Long.toString(r.spikeStep())))
                .setCluster(Clusters.forRecord(cluster))
                .build();
    }

    private static PendingRollback toPending(SpikeFinding f) {
        PendingRollback p = new PendingRollback();
        p.step = f.step();
        p.ts = f.ts();
        p.onsetStep = f.onsetStep();
        p.onsetTs = f.onsetTs();
        p.trigger = f.trigger();
        p.peakStep = f.peakStep();
        p.peakLoss = f.peakLoss();
        p.baselineMedian = f.baselineMedian();
        p.summary = f.summary();
        return p;
    }

    private static Map<String, String> labels(String cluster, String job, String... more) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("cluster", cluster);
        labels.put("job", job);
        for (int i = 0; i + 1 < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    /** The side outputs of the timer's and the broadcast side's contexts (their common base type is not public). */
    private interface SideOutputs {
        <X> void output(OutputTag<X> tag, X value);
    }

    private static <T> T orNew(T value, T fresh) {
        return value != null ? value : fresh;
    }
}
