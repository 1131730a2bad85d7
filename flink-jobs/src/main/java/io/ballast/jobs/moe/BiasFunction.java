package io.ballast.jobs.moe;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.JobTopology;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.AlertFinding;
import io.ballast.logic.moe.BalanceState;
import io.ballast.logic.moe.BalanceSupervisor;
import io.ballast.logic.moe.BiasController;
import io.ballast.logic.moe.BiasOutcome;
import io.ballast.logic.moe.BiasResult;
import io.ballast.logic.moe.BiasState;
import io.ballast.logic.moe.HostLoad;
import io.ballast.logic.moe.MoeConfig;
import io.ballast.logic.moe.RollingMaxVio;
import io.ballast.rules.hardware.ActionIds;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keyed by (cluster, job): runs the loss-free bias controller for every MoE layer of the job on each
 * completed step, emits the full versioned bias vector, supervision alerts and balance metrics.
 * The job's topology (update rate override, expert placement) comes in on the second input.
 * All state expires a week after its last update: a finished job leaves nothing behind.
 */
public final class BiasFunction extends KeyedCoProcessFunction<String, StepLoads, JobTopology, BiasUpdate> {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("moe-alerts", new AvroTypeInfo<>(Alert.class));
    public static final OutputTag<Metric> METRICS = new OutputTag<>("moe-metrics", TypeInformation.of(Metric.class));
    static final Duration STATE_TTL = Duration.ofDays(7);

    private final MoeConfig config;
    private transient BiasController controller;
    private transient BalanceSupervisor supervisor;
    private transient ValueState<JobTopology> topology;
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
        ValueStateDescriptor<JobTopology> topologyDescriptor = new ValueStateDescriptor<>("topology", new AvroTypeInfo<>(JobTopology.class));
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
    public void processElement1(StepLoads loads, Context ctx, Collector<BiasUpdate> out) throws Exception {
        JobTopology topo = topology.value();
        BiasState state = orNew(bias.get(loads.layer), BiasState::new);
        BiasOutcome outcome = controller.apply(state, loads.step, loads.counts, topo == null ? null : topo.getBiasUpdateRate(), null);
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
        emitMetrics(ctx, loads, result, window, topo);
    }

    @Override
    public void processElement2(JobTopology job, Context ctx, Collector<BiasUpdate> out) throws Exception {
        JobTopology known = topology.value();
        if (known == null || known.getTs() <= job.getTs()) {
            topology.update(job);
        }
    }

    private static BiasUpdate toUpdate(StepLoads loads, BiasResult result) {
        List<Double> vector = new ArrayList<>(result.publishedBias().length);
        for (double b : result.publishedBias()) {
            vector.add(b);
        }
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
                .setCluster("default".equals(loads.cluster) ? null : loads.cluster)
                .build();
    }

    private void emitMetrics(Context ctx, StepLoads loads, BiasResult result, RollingMaxVio window, JobTopology topo) {
        double[] b = result.publishedBias();
        int dead = 0;
        for (long c : loads.counts) {
            dead += c == 0 ? 1 : 0;
        }
        ctx.output(METRICS, Metric.of("moe_balance", loads.ts).tag("cluster", loads.cluster).tag("job", loads.job).tag("layer", loads.layer)
                .field("max_vio", result.maxVio())
                .field("max_vio_rolling", window.value())
                .field("zero_token_experts", dead)
                .field("bias_mean", Arrays.stream(b).average().orElse(0))
                .field("bias_min", Arrays.stream(b).min().orElse(0))
                .field("bias_max", Arrays.stream(b).max().orElse(0))
                .field("update_rate", result.updateRate())
                .field("version", result.version())
                .field("step", loads.step));
        for (int i = 0; i < b.length; i++) {
            ctx.output(METRICS, Metric.of("moe_bias", loads.ts).tag("cluster", loads.cluster).tag("job", loads.job).tag("layer", loads.layer)
                    .tag("expert", i).field("bias", b[i]).field("load", loads.counts[i]));
        }
        if (topo != null && topo.getExpertHosts() != null && topo.getExpertHosts().size() == loads.counts.length) {
            HostLoad hosts = HostLoad.of(loads.counts, topo.getExpertHosts());
            hosts.perGpu().forEach((host, load) -> ctx.output(METRICS, Metric.of("moe_host_load", loads.ts)
                    .tag("cluster", loads.cluster).tag("job", loads.job).tag("host", host).tag("node", HostLoad.nodeOf(host))
                    .tag("layer", loads.layer).field("tokens", load)));
        }
    }

    private static java.util.Map<String, String> withCluster(AlertFinding finding, String cluster) {
        java.util.Map<String, String> labels = new java.util.TreeMap<>(finding.labels());
        labels.put("cluster", cluster);
        return labels;
    }

    private static <T> T orNew(T value, java.util.function.Supplier<T> create) {
        return value != null ? value : create.get();
    }
}
