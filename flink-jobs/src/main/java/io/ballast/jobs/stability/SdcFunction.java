package io.ballast.jobs.stability;

import io.ballast.events.Alert;
import io.ballast.events.SdcCheck;
import io.ballast.jobs.alerts.Alerts;
import io.ballast.jobs.config.Configs;
import io.ballast.logic.stability.Evidence;
import io.ballast.logic.stability.SdcState;
import io.ballast.logic.stability.SdcTracker;
import io.ballast.logic.stability.SdcVerdict;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.Decision;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.TreeMap;

/**
 * Keyed by (cluster, node): a failed SDC check makes the node suspect (a warning alert and evidence for the
 * stability operator); repeated failures within the window make it a drain candidate even without a spike.
 * State expires after the longest SDC window.
 */
public final class SdcFunction extends KeyedProcessFunction<String, SdcCheck, Decision> {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("sdc-alerts", new AvroTypeInfo<>(Alert.class));
    public static final OutputTag<NodeEvidence> EVIDENCE = new OutputTag<>("sdc-evidence",
            org.apache.flink.api.common.typeinfo.TypeInformation.of(NodeEvidence.class));
    static final String REPEATED_RULE = "Drain a node whose SDC checks keep failing";

    private final StabilityConfig config;
    private transient SdcTracker tracker;
    private transient ValueState<SdcState> state;

    public SdcFunction(StabilityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        tracker = new SdcTracker(config);
        ValueStateDescriptor<SdcState> descriptor = new ValueStateDescriptor<>("sdc", SdcState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(Math.max(config.sdcDrainWindowMs(), config.sdcSuspectWindowMs()))).build());
        state = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(SdcCheck check, Context ctx, Collector<Decision> out) throws Exception {
        if (check.getPassed()) {
            return;
        }
        String cluster = Configs.cluster(check.getCluster());
        ctx.output(EVIDENCE, new NodeEvidence(cluster, check.getNode(), Evidence.Kind.SDC_FAILED, check.getTs(), check.getStep(),
                check.getCheck() + " failed" + (check.getGpu() == null ? "" : " on gpu " + check.getGpu())
                        + (check.getDetail() == null ? "" : ": " + check.getDetail())));
        SdcState s = state.value() == null ? new SdcState() : state.value();
        SdcVerdict verdict = tracker.onCheck(s, check);
        state.update(s);
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("cluster", cluster);
        labels.put("node", check.getNode());
        ctx.output(ALERTS, Alerts.of("sdc_check_failed", "firing", "warning", verdict.reason(), labels, check.getTs()));
        if (verdict.kind() == SdcVerdict.Kind.DRAIN) {
            Decision d = new Decision(Decision.Kind.DRAIN, "sdc_repeated_failures", REPEATED_RULE, "java", "critical",
                    cluster, check.getNode(), check.getNode(), verdict.reason(), check.getTs());
            verdict.evidence().forEach(e -> d.evidence(e.describe()));
            out.collect(d);
        }
    }
}
