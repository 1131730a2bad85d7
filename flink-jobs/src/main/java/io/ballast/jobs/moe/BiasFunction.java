package io.ballast.jobs.moe;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.AlertFinding;
import io.ballast.logic.moe.BalanceState;
import io.ballast.logic.moe.BalanceSupervisor;
import io.ballast.logic.moe.BiasController;
import io.ballast.logic.moe.BiasOutcome;
import io.ballast.logic.moe.BiasResult;
import io.ballast.logic.moe.BiasState;
import io.ballast.logic.moe.DegradedGpu;
import io.ballast.logic.moe.HostLoad;
import io.ballast.logic.moe.HostPenalties;
import io.ballast.logic.moe.MoeConfig;
import io.ballast.logic.moe.RollingMaxVio;
import io.ballast.rules.facts.Clusters;
import io.ballast.rules.hardware.ActionIds;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed by (cluster, job): runs the loss-free bias controller for every MoE layer of the job on each
 * completed step, emits the full versioned bias vector, supervision alerts and balance metrics. Topology changes
 * share the keyed input; degraded GPUs arrive broadcast (hardware findings are rare) and become bounded negative
 * offsets on the experts they host. Keyed state expires a week after its last update; the broadcast state forgets
 * a GPU a quiet period after its last finding.
 */
public final class BiasFunction extends KeyedBroadcastProcessFunction<String, JobInput, DegradedGpu, BiasUpdate> {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("moe-alerts", new AvroTypeInfo<>(Alert.class));
    public static final OutputTag<Metric> METRICS = new OutputTag<>("moe-metrics", TypeInformation.of(Metric.class));
    public static final MapStateDescriptor<String, DegradedGpu> DEGRADED =
            new MapStateDescriptor<>("degraded-gpus", Types.STRING, TypeInformation.of(DegradedGpu.class));
    static final Duration STATE_TTL = Duration.ofDays(7);

    private final MoeConfig config;
    private transient BiasController controller;
    private transient BalanceSupervisor supervisor;
    private transient ValueState<JobPlacement> topology;
    private transient MapState<Integer, BiasState> bias;
    private transient MapState<Integer, BalanceState> balance;
    private transient MapState<Integer, RollingMaxVio> rolling;

    public BiasFunction(MoeConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        controller = new BiasController(config);
        supervisor = new BalanceSupervisor(config);
        StateTtlConfig ttl = StateTtlConfig.newBuilder(STATE_TTL).build();
        ValueStateDescriptor<JobPlacement> topologyDescriptor = new ValueStateDescriptor<>("placement", JobPlacement.class);
        topologyDescriptor.enableTimeToLive(ttl);
        topology = getRuntimeContext().getState(topologyDescriptor);
        bias = getRuntimeContext().getMapState(withTtl(new MapStateDescriptor<>("bias", Integer.class, BiasState.class), ttl));
        balance = getRuntimeContext().getMapState(withTtl(new MapStateDescriptor<>("balance", Integer.class, BalanceState.class), ttl));
        rolling = getRuntimeContext().getMapState(withTtl(new MapStateDescriptor<>("rolling-maxvio", Integer.class, RollingMaxVio.class), ttl));
    }

    private static <K, V> MapStateDescriptor<K, V> withTtl(MapStateDescriptor<K, V> descriptor, StateTtlConfig ttl) {
        descriptor.enableTimeToLive(ttl);
        return descriptor;
    }

    @Override
    public void processElement(JobInput in, ReadOnlyContext ctx, Collector<BiasUpdate> out) throws Exception {
        if (in.placement != null) {
            JobPlacement known = topology.value();
            if (known == null || known.ts <= in.placement.ts) {
                topology.update(in.placement);
            }
            return;
        }
        StepLoads loads = in.loads;
        JobPlacement placement = topology.value();
        BiasState state = orNew(bias.get(loads.layer), BiasState::new);
        controller.syncHostPenalties(state, penalties(ctx.getBroadcastState(DEGRADED), loads, placement));
        BiasOutcome outcome = controller.apply(state, loads.step, loads.counts, placement == null ? null : placement.biasUpdateRate, null);
        bias.put(loads.layer, state);
        if (outcome.publication().isEmpty()) {
            return; // stale, duplicate or rejected: never moves the bias
        }
        BiasResult result = outcome.publication().get();
        out.collect(toUpdate(loads, result));

        RollingMaxVio window = orNew(rolling.get(loads.layer), () -> new RollingMaxVio(config.maxVioWindow()));
        window.add(result.maxVio());
        rolling.put(loads.layer, window);
        BalanceState supervision = orNew(balance.get(loads.layer), BalanceState::new);
        for (AlertFinding finding : supervisor.observe(supervision, loads.job, loads.layer, loads.counts, result)) {
            ctx.output(ALERTS, Alerts.of(finding.name(), finding.status(), finding.severity(), finding.summary(),
                    withCluster(finding, loads.cluster), loads.ts));
        }
        balance.put(loads.layer, supervision);
        emitMetrics(ctx, loads, result, window, supervisor.deadExperts(supervision), placement);
    }

    /** Remembers a degraded GPU and forgets those quiet for longer than the quiet period. */
    @Override
    public void processBroadcastElement(DegradedGpu gpu, Context ctx, Collector<BiasUpdate> out) throws Exception {
        BroadcastState<String, DegradedGpu> degraded = ctx.getBroadcastState(DEGRADED);
        DegradedGpu known = degraded.get(gpu.key());
        degraded.put(gpu.key(), known == null ? gpu : known.merge(gpu));
        for (Iterator<Map.Entry<String, DegradedGpu>> it = degraded.iterator(); it.hasNext(); ) {
            if (gpu.lastTs - it.next().getValue().lastTs > config.hostQuietMs()) {
                it.remove();
            }
        }
    }

    private HostPenalties penalties(ReadOnlyBroadcastState<String, DegradedGpu> degraded, StepLoads loads, JobPlacement placement) throws Exception {
        if (placement == null || placement.expertHosts.size() != loads.counts.length) {
            return new HostPenalties(Map.of(), Map.of());
        }
        List<DegradedGpu> known = new ArrayList<>();
        for (Map.Entry<String, DegradedGpu> e : degraded.immutableEntries()) {
            known.add(e.getValue());
        }
        return HostPenalties.of(known, loads.cluster, placement.expertHosts, loads.ts, config);
    }

    private static BiasUpdate toUpdate(StepLoads loads, BiasResult result) {
        List<Double> vector = new ArrayList<>(result.publishedBias().length);
        for (double b : result.publishedBias()) {
            vector.add(b);
        }
        Map<String, Double> offsets = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        result.hostOffsets().forEach((expert, offset) -> offsets.put(Integer.toString(expert), offset));
        result.hostOffsetReasons().forEach((expert, reason) -> reasons.put(Integer.toString(expert), reason));
        return BiasUpdate.newBuilder()
                .setJob(loads.job)
                .setLayer(loads.layer)
                .setStep(result.step())
                .setVersion(result.version())
                .setBias(vector)
                .setUpdateRate(result.updateRate())
                .setMaxVio(Double.isNaN(result.maxVio()) ? 0.0 : result.maxVio())
                .setTs(loads.ts)
                .setId(ActionIds.of("bias_update", loads.cluster, loads.job, Integer.toString(loads.layer), Long.toString(result.version())))
                .setCluster(Clusters.forRecord(loads.cluster))
                .setHostOffsets(offsets.isEmpty() ? null : offsets)
                .setOffsetReasons(reasons.isEmpty() ? null : reasons)
                .build();
    }

    private void emitMetrics(ReadOnlyContext ctx, StepLoads loads, BiasResult result, RollingMaxVio window, int deadExperts,
                             JobPlacement placement) {
        double[] b = result.publishedBias();
        int zero = 0;
        for (long c : loads.counts) {
            zero += c == 0 ? 1 : 0;
        }
        Metric balanceMetric = Metric.of("moe_balance", loads.ts).tag("cluster", loads.cluster).tag("job", loads.job).tag("layer", loads.layer)
                .field("max_vio", result.maxVio())
                .field("max_vio_rolling", window.value())
                .field("zero_token_experts", zero)
                .field("dead_experts", deadExperts)
                .field("bias_mean", Arrays.stream(b).average().orElse(0))
                .field("bias_min", Arrays.stream(b).min().orElse(0))
                .field("bias_max", Arrays.stream(b).max().orElse(0))
                .field("penalized_experts", result.hostOffsets().size())
                .field("host_offset_min", result.hostOffsets().values().stream().mapToDouble(Double::doubleValue).min().orElse(0))
                .field("update_rate", result.updateRate())
                .field("version", result.version())
                .field("step", loads.step);
        for (int i = 0; i < b.length; i++) {
            ctx.output(METRICS, Metric.of("moe_bias", loads.ts).tag("cluster", loads.cluster).tag("job", loads.job).tag("layer", loads.layer)
                    .tag("expert", i).field("bias", b[i]).field("load", loads.counts[i]));
        }
        HostLoad hosts = hostLoad(loads, placement);
        if (hosts != null) {
            balanceMetric.field("gpu_load_max_over_mean", hosts.gpuMaxOverMean()).field("node_load_max_over_mean", hosts.nodeMaxOverMean());
            hosts.perGpu().forEach((host, load) -> ctx.output(METRICS, Metric.of("moe_host_load", loads.ts)
                    .tag("cluster", loads.cluster).tag("job", loads.job).tag("host", host).tag("node", HostLoad.nodeOf(host))
                    .tag("layer", loads.layer).field("tokens", load)));
            nodeLoad(hosts).forEach((node, stats) -> ctx.output(METRICS, Metric.of("moe_node_load", loads.ts)
                    .tag("cluster", loads.cluster).tag("job", loads.job).tag("node", node).tag("layer", loads.layer)
                    .field("tokens", stats[0]).field("gpu_tokens_max", stats[1]).field("gpu_tokens_mean", stats[2])
                    .field("gpu_max_over_mean", stats[2] == 0 ? 0 : stats[1] / stats[2])));
        }
        ctx.output(METRICS, balanceMetric);
    }

    private static HostLoad hostLoad(StepLoads loads, JobPlacement placement) {
        if (placement == null || placement.expertHosts.size() != loads.counts.length) {
            return null;
        }
        try {
            return HostLoad.of(loads.counts, placement.expertHosts);
        } catch (IllegalArgumentException e) {
            return null; // a topology with a blank host gives no host metrics rather than a failed stream
        }
    }

    /** Per node: total tokens, busiest GPU's tokens, mean tokens per GPU of the node. */
    private static Map<String, double[]> nodeLoad(HostLoad hosts) {
        Map<String, double[]> perNode = new TreeMap<>();
        Map<String, Integer> gpus = new HashMap<>();
        hosts.perGpu().forEach((host, load) -> {
            String node = HostLoad.nodeOf(host);
            double[] s = perNode.computeIfAbsent(node, k -> new double[3]);
            s[0] += load;
            s[1] = Math.max(s[1], load);
            gpus.merge(node, 1, Integer::sum);
        });
        perNode.forEach((node, s) -> s[2] = s[0] / gpus.get(node));
        return perNode;
    }

    private static Map<String, String> withCluster(AlertFinding finding, String cluster) {
        Map<String, String> labels = new TreeMap<>(finding.labels());
        labels.put("cluster", cluster);
        return labels;
    }

    private static <T> T orNew(T value, java.util.function.Supplier<T> create) {
        return value != null ? value : create.get();
    }
}
