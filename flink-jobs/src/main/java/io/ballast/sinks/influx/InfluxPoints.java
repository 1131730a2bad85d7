package io.ballast.sinks.influx;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.events.GpuSample;
import io.ballast.events.Rollback;
import io.ballast.events.TrainStep;

import org.influxdb.dto.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Maps contract records to InfluxDB points following docs/influx-schema.md. Tags hold only
 * low-cardinality names (cluster, node, job, rule...); steps, ids and free text are fields.
 * A NaN or infinite value is a signal, and InfluxDB cannot store it: it becomes {@code <field>_nonfinite=true}.
 */
public final class InfluxPoints {
    public static final String GPU_HEALTH = "gpu_health";
    public static final String NIC_RATES = "nic_rates";
    public static final String MOE_BALANCE = "moe_balance";
    public static final String MOE_HOST_LOAD = "moe_host_load";
    public static final String MOE_BIAS = "moe_bias";
    public static final String TRAINING = "training";
    public static final String ACTIONS = "actions";
    public static final String ALERTS = "alerts";
    /** Measurements the writer keeps longest when its buffer overflows. */
    public static final Set<String> PRIORITY = Set.of(ACTIONS, ALERTS);

    static final String DEFAULT_CLUSTER = "default";
    /** The rollback record names no rule; its action points carry the deciding job's name instead. */
    static final String ROLLBACK_RULE = "training_stability";
    private static final Set<String> FORBIDDEN_TAGS = Set.of("step", "id", "ts", "version");

    private InfluxPoints() {}

    /** Gauges and flags of one GPU sample; counter deltas come from the health job via {@link #metric}. */
    public static List<Point> gpuHealth(GpuSample s) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("temp_c", s.getTempC());
        fields.put("mem_temp_c", s.getMemTempC());
        fields.put("power_w", s.getPowerW());
        fields.put("sm_clock_mhz", s.getSmClockMhz());
        fields.put("util_pct", s.getUtilPct());
        fields.put("mem_used_mib", s.getMemUsedMib());
        fields.put("throttle_reasons", s.getThrottleReasons());
        fields.put("retired_pages_pending", s.getRetiredPagesPending());
        fields.put("remap_pending", s.getRemapPending());
        fields.put("remap_failure", s.getRemapFailure());
        return optional(GPU_HEALTH,
                Map.of("cluster", cluster(s.getCluster()), "node", s.getNode(), "gpu", String.valueOf(s.getGpu())),
                fields, s.getTs());
    }

    /** One point per training step; {@code step} is a field so the series count stays one per job. */
    public static List<Point> training(TrainStep t) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("step", t.getStep());
        fields.put("loss", t.getLoss());
        fields.put("grad_norm", t.getGradNorm());
        fields.put("lr", t.getLr());
        fields.put("tokens", t.getTokens());
        fields.put("step_time_ms", t.getStepTimeMs());
        return List.of(metric(TRAINING, Map.of("cluster", cluster(t.getCluster()), "job", t.getJob()), fields, t.getTs()));
    }

    public static List<Point> drain(Drain d) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("node", d.getNode());
        fields.put("id", d.getId());
        fields.put("reason", d.getReason());
        fields.put("severity", d.getSeverity());
        fields.put("evidence", String.join("; ", d.getEvidence()));
        return List.of(metric(ACTIONS, Map.of("cluster", cluster(d.getCluster()), "type", "drain", "rule", d.getRule()),
                fields, d.getTs()));
    }

    public static List<Point> rollback(Rollback r) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("job", r.getJob());
        fields.put("id", r.getId());
        fields.put("reason", r.getReason());
        fields.put("spike_step", r.getSpikeStep());
        fields.put("target_step", r.getTargetStep());
        fields.put("skip_from_step", r.getSkipFromStep());
        fields.put("skip_to_step", r.getSkipToStep());
        fields.put("suspect_nodes", String.join(",", r.getSuspectNodes()));
        fields.put("evidence", String.join("; ", r.getEvidence()));
        return List.of(metric(ACTIONS, Map.of("cluster", cluster(r.getCluster()), "type", "rollback", "rule", ROLLBACK_RULE),
                fields, r.getTs()));
    }

    /** A {@code moe_balance} summary of the bias vector plus one {@code moe_bias} point per expert. */
    public static List<Point> biasUpdate(BiasUpdate b) {
        String cluster = cluster(b.getCluster());
        String layer = String.valueOf(b.getLayer());
        List<Double> bias = b.getBias();
        Map<String, Object> balance = new TreeMap<>();
        balance.put("max_vio", b.getMaxVio());
        balance.put("update_rate", b.getUpdateRate());
        balance.put("step", b.getStep());
        balance.put("version", b.getVersion());
        if (!bias.isEmpty()) {
            balance.put("bias_mean", bias.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            balance.put("bias_min", bias.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            balance.put("bias_max", bias.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
        List<Point> points = new ArrayList<>(bias.size() + 1);
        points.add(metric(MOE_BALANCE, Map.of("cluster", cluster, "job", b.getJob(), "layer", layer), balance, b.getTs()));
        for (int expert = 0; expert < bias.size(); expert++) {
            points.add(metric(MOE_BIAS,
                    Map.of("cluster", cluster, "job", b.getJob(), "layer", layer, "expert", String.valueOf(expert)),
                    Map.of("bias", bias.get(expert)), b.getTs()));
        }
        return points;
    }

    /** Cluster comes from the alert's {@code cluster} label; the other labels are one text field. */
    public static List<Point> alert(Alert a) {
        Map<String, String> labels = new TreeMap<>(a.getLabels());
        Map<String, Object> fields = new TreeMap<>();
        fields.put("id", a.getId());
        fields.put("summary", a.getSummary());
        fields.put("labels", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((x, y) -> x + "," + y).orElse(""));
        return List.of(metric(ALERTS, Map.of("cluster", cluster(labels.get("cluster")), "name", a.getName(),
                "severity", a.getSeverity(), "status", a.getStatus()), fields, a.getTs()));
    }

    /**
     * A point for a metric a job derives (rates, deltas, rolling values). Null fields are left out;
     * tags named step, id, ts or version are refused because each value would start a new series.
     */
    public static Point metric(String measurement, Map<String, String> tags, Map<String, ?> fields, long tsMillis) {
        for (String tag : tags.keySet()) {
            if (FORBIDDEN_TAGS.contains(tag)) {
                throw new IllegalArgumentException("tag '" + tag + "' on " + measurement
                        + " would create a series per value; write it as a field");
            }
        }
        Point.Builder point = Point.measurement(measurement).time(tsMillis, TimeUnit.MILLISECONDS);
        tags.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                point.tag(k, v);
            }
        });
        boolean any = false;
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            any |= addField(point, f.getKey(), f.getValue());
        }
        if (!any) {
            throw new IllegalArgumentException(measurement + " point at " + tsMillis + " has no non-null field: " + fields);
        }
        return point.build();
    }

    private static List<Point> optional(String measurement, Map<String, String> tags, Map<String, ?> fields, long ts) {
        return fields.values().stream().allMatch(v -> v == null) ? List.of() : List.of(metric(measurement, tags, fields, ts));
    }

    private static boolean addField(Point.Builder point, String name, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            point.addField(name + "_nonfinite", true);
        } else if (value instanceof Number n) {
            point.addField(name, n);
        } else if (value instanceof Boolean b) {
            point.addField(name, b);
        } else {
            point.addField(name, value.toString());
        }
        return true;
    }

    static String cluster(CharSequence cluster) {
        return cluster == null || cluster.length() == 0 ? DEFAULT_CLUSTER : cluster.toString();
    }
}
