package io.ballast.jobs.moe;

import io.ballast.events.ExpertLoad;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.AggregationResult;
import io.ballast.logic.moe.MoeConfig;
import io.ballast.logic.moe.StepAggregationState;
import io.ballast.logic.moe.StepAggregator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by (cluster, job, step, layer): sums the ranks' partial expert counts and emits the global
 * counts once every rank reported. A step still incomplete at its event-time deadline is dropped and
 * counted (a partial sum can flip a sign). State is cleared by the deadline timer, a second deadline later.
 */
public final class StepAggregateFunction extends KeyedProcessFunction<String, ExpertLoad, StepLoads> {
    public static final OutputTag<Metric> INCOMPLETE = new OutputTag<>("moe-incomplete", org.apache.flink.api.common.typeinfo.TypeInformation.of(Metric.class));

    private final MoeConfig config;
    private transient StepAggregator aggregator;
    private transient ValueState<StepAggregationState> state;
    private transient Counter incomplete;

    public StepAggregateFunction(MoeConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        aggregator = new StepAggregator(config);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("step-aggregation", StepAggregationState.class));
        incomplete = getRuntimeContext().getMetricGroup().counter("moeIncompleteSteps");
    }

    @Override
    public void processElement(ExpertLoad load, Context ctx, Collector<StepLoads> out) throws Exception {
        StepAggregationState s = state.value();
        boolean fresh = s == null;
        if (fresh) {
            s = new StepAggregationState();
        }
        AggregationResult result = aggregator.add(s, load);
        if (fresh && s.isStarted()) {
            ctx.timerService().registerEventTimeTimer(aggregator.deadline(s));
        }
        state.update(s);
        if (result.isComplete()) {
            out.collect(new StepLoads(load.getCluster() == null ? "default" : load.getCluster(), load.getJob(), load.getStep(),
                    load.getLayer(), result.counts(), ctx.timestamp()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StepLoads> out) throws Exception {
        StepAggregationState s = state.value();
        if (s == null) {
            return;
        }
        if (timestamp >= aggregator.deadline(s) + config.aggregationTimeoutMs()) {
            state.clear(); // the second timer: late reports of a closed step have had their chance
            return;
        }
        aggregator.onTimeout(s).ifPresent(r -> {
            incomplete.inc();
            ctx.output(INCOMPLETE, Metric.of("moe_incomplete_steps", timestamp)
                    .tag("job", r.job()).tag("layer", r.layer())
                    .field("reported_ranks", r.reportedRanks()).field("expected_ranks", r.expectedRanks()));
        });
        state.update(s);
        ctx.timerService().registerEventTimeTimer(aggregator.deadline(s) + config.aggregationTimeoutMs());
    }
}
