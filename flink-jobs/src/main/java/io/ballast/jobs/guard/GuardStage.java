package io.ballast.jobs.guard;

import io.ballast.events.Alert;
import io.ballast.events.Drain;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.hardware.NodeSeen;
import io.ballast.rules.Decision;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Every decision of every detector goes through one router per cluster: drains through the guard, alerts deduplicated. */
public final class GuardStage {
    public final DataStream<Drain> drains;
    public final DataStream<Alert> alerts;

    private GuardStage(DataStream<Drain> drains, DataStream<Alert> alerts) {
        this.drains = drains;
        this.alerts = alerts;
    }

    public static GuardStage build(DataStream<Decision> decisions, DataStream<NodeSeen> nodes, Configuration conf) {
        SingleOutputStreamOperator<Drain> drains = decisions.map(d -> GuardEvent.of(d)).name("Guard input: decisions")
                .union(nodes.map(n -> GuardEvent.of(n)).name("Guard input: nodes"))
                .keyBy(e -> e.decision != null ? Configs.cluster(e.decision.getCluster()) : Configs.cluster(e.seen.cluster))
                .process(new ActionRouterFunction(conf))
                .uid("action-router").name("Actions: drain guard and alert routing");
        return new GuardStage(drains, drains.getSideOutput(ActionRouterFunction.ALERTS));
    }
}
