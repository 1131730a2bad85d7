package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.state.StateTypes;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.jobs.stability.NodeEvidence;
import io.ballast.events.Alert;
import io.ballast.events.DeadLetter;
import io.ballast.events.Xid;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;
import io.ballast.rules.Decision;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * Hardware health: per node (Xids, GPU counters, NIC port counters) and per cluster (switch-versus-node correlation).
 * Published rule sets pass the {@link RuleSetGate} and reach both functions as broadcast state.
 */
public final class HardwareStage {
    public final DataStream<Decision> decisions;
    public final DataStream<NodePresence> nodePresence;
    public final DataStream<NodeEvidence> evidence;
    public final DataStream<Metric> metrics;
    /** {@code rule_set_rejected} alerts for published sets that were unsigned, badly signed or did not compile. */
    public final DataStream<Alert> ruleSetRejections;
    /** GPU and NIC samples whose bodies the node operator could not decode. */
    public final DataStream<DeadLetter> deadLetters;

    private HardwareStage(DataStream<Decision> decisions, DataStream<NodePresence> nodePresence, DataStream<NodeEvidence> evidence,
                          DataStream<Metric> metrics, DataStream<Alert> ruleSetRejections, DataStream<DeadLetter> deadLetters) {
        this.decisions = decisions;
        this.nodePresence = nodePresence;
        this.evidence = evidence;
        this.metrics = metrics;
        this.ruleSetRejections = ruleSetRejections;
        this.deadLetters = deadLetters;
    }

    /** @param ruleUpdates published rule sets as raw records ({@link RuleUpdates}) */
    public static HardwareStage build(TelemetryStreams in, DataStream<RawRecord> ruleUpdates, Configuration conf) {
        SingleOutputStreamOperator<SignedRuleSet> accepted = ruleUpdates.process(new RuleSetGate(conf))
                .returns(RulesBroadcast.TYPE).setParallelism(1).uid("hardware-rule-gate").name("Hardware: verify published rule sets");
        BroadcastStream<SignedRuleSet> rules = accepted.broadcast(RulesBroadcast.STATE);
        TypeInformation<Either<NodeMessage, Xid>> nodeInput = NodeInput.type(in.xid().getType());
        SingleOutputStreamOperator<Decision> node = in.xid().map(new NodeInput.OfXid()).returns(nodeInput).name("Hardware input: Xids")
                .union(in.gpu().map(new NodeInput.OfSample()).returns(nodeInput).name("Hardware input: GPU samples"),
                        in.nic().map(new NodeInput.OfSample()).returns(nodeInput).name("Hardware input: NIC counters"))
                .keyBy(new NodeKey.OfHardware(), StateTypes.KEY)
                .connect(rules)
                .process(new NodeHardwareFunction(conf, conf.get(BallastOptions.HARDWARE_WINDOW)))
                .uid("hardware-node").name("Hardware: Xids, GPU and NIC counters per node");
        conf.getOptional(BallastOptions.HARDWARE_PARALLELISM).ifPresent(node::setParallelism);
        SingleOutputStreamOperator<Decision> correlated = node.getSideOutput(NodeHardwareFunction.CORRELATION)
                .keyBy(s -> s.cluster)
                .connect(rules)
                .process(new CorrelationFunction(conf))
                .uid("hardware-correlation").name("Hardware: switch versus node correlation");
        return new HardwareStage(
                node.union(correlated),
                node.getSideOutput(NodeHardwareFunction.NODES),
                node.getSideOutput(NodeHardwareFunction.EVIDENCE).union(correlated.getSideOutput(CorrelationFunction.EVIDENCE)),
                node.getSideOutput(NodeHardwareFunction.NIC_METRICS),
                accepted.getSideOutput(RuleSetGate.REJECTED),
                node.getSideOutput(NodeHardwareFunction.DEAD_LETTERS));
    }
}
