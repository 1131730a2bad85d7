package io.ballast.jobs.guard;

import io.ballast.events.Alert;
import io.ballast.events.Drain;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.hardware.NodePresence;
import io.ballast.rules.Decision;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Every decision of every detector goes through a router per cluster: drains (hardware and stability) through the
 * blast-radius guard, alerts deduplicated. Alerts have a router of their own that follows the hardware stage's event
 * time only: they need ordering among hardware decisions, not against the stability stage, whose event time moves in
 * whole training steps and would hold every page back by up to a step.
 */
public final class GuardStage {
    public final DataStream<Drain> drains;
    public final DataStream<Alert> alerts;

    private GuardStage(DataStream<Drain> drains, DataStream<Alert> alerts) {
        this.drains = drains;
        this.alerts = alerts;
    }

    /** @param stabilityDrains drain decisions only (the stability stage's alerts go straight to the output) */
    public static GuardStage build(DataStream<Decision> hardware, DataStream<Decision> stabilityDrains, DataStream<NodePresence> nodes,
                                   Configuration conf) {
        SingleOutputStreamOperator<Drain> drains = hardware.filter(d -> d.getKind() == Decision.Kind.DRAIN).name("Guard input: hardware drains")
                .union(stabilityDrains)
                .map(d -> GuardEvent.of(d)).name("Guard input: drains")
                .union(nodes.map(n -> GuardEvent.of(n)).name("Guard input: nodes"))
                .keyBy(e -> e.decision != null ? Configs.cluster(e.decision.getCluster()) : Configs.cluster(e.presence.cluster))
                .process(new ActionRouterFunction(conf))
                .uid("action-router").name("Actions: drain guard");
        SingleOutputStreamOperator<Drain> alerts = hardware.filter(d -> d.getKind() != Decision.Kind.DRAIN).name("Alert input: hardware")
                .map(d -> GuardEvent.of(d)).name("Alert input: decisions")
                .keyBy(e -> Configs.cluster(e.decision.getCluster()))
                .process(new ActionRouterFunction(conf))
                .uid("alert-router").name("Actions: alert routing");
        return new GuardStage(drains, drains.getSideOutput(ActionRouterFunction.ALERTS).union(alerts.getSideOutput(ActionRouterFunction.ALERTS)));
    }
}
