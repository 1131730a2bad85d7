package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.state.StateTypes;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.jobs.stability.NodeEvidence;
import io.ballast.events.Alert;
import io.ballast.events.GpuSample;
import io.ballast.events.Xid;
import io.ballast.jobs.io.RawRecord;
import io.ballast.rules.Decision;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * Hardware health: per node (Xids, GPU counters), per NIC port, and per cluster (switch-versus-node correlation).
 * Published rule sets pass the {@link RuleSetGate} and reach all three functions as broadcast state.
 */
public final class HardwareStage {
    public final DataStream<Decision> decisions;
    public final DataStream<NodePresence> nodePresence;
    public final DataStream<NodeEvidence> evidence;
    public final DataStream<Metric> metrics;
    /** {@code rule_set_rejected} alerts for published sets that were unsigned, badly signed or did not compile. */
    public final DataStream<Alert> ruleSetRejections;

    private HardwareStage(DataStream<Decision> decisions, DataStream<NodePresence> nodePresence, DataStream<NodeEvidence> evidence,
                          DataStream<Metric> metrics, DataStream<Alert> ruleSetRejections) {
        this.decisions = decisions;
        this.nodePresence = nodePresence;
        this.evidence = evidence;
        this.metrics = metrics;
        this.ruleSetRejections = ruleSetRejections;
    }

    /** @param ruleUpdates published rule sets as raw records ({@link RuleUpdates}) */
    public static HardwareStage build(TelemetryStreams in, DataStream<RawRecord> ruleUpdates, Configuration conf) {
        SingleOutputStreamOperator<SignedRuleSet> accepted = ruleUpdates.process(new RuleSetGate(conf))
                .returns(RulesBroadcast.TYPE).setParallelism(1).uid("hardware-rule-gate").name("Hardware: verify published rule sets");
        BroadcastStream<SignedRuleSet> rules = accepted.broadcast(RulesBroadcast.STATE);
        EitherTypeInfo<Xid, GpuSample> nodeInput = new EitherTypeInfo<>(in.xid().getType(), in.gpu().getType());
        SingleOutputStreamOperator<Decision> node = in.xid().map(new XidLeft()).returns(nodeInput).name("Hardware input: Xids")
                .union(in.gpu().map(new SampleRight()).returns(nodeInput).name("Hardware input: GPU samples"))
                .keyBy(NodeKey::ofHardware, StateTypes.KEY)
                .connect(rules)
                .process(new NodeHardwareFunction(conf, conf.get(BallastOptions.HARDWARE_WINDOW)))
                .uid("hardware-node").name("Hardware: Xids and GPU counters per node");
        SingleOutputStreamOperator<CorrelationSignal> ports = in.nic()
                .keyBy(NodeKey::ofNic, StateTypes.KEY)
                .connect(rules)
                .process(new NicPortFunction(conf))
                .uid("hardware-nic-node").name("Hardware: NIC counters per node");
        SingleOutputStreamOperator<Decision> correlated = ports.union(node.getSideOutput(NodeHardwareFunction.HOST_EVIDENCE))
                .keyBy(s -> s.cluster)
                .connect(rules)
                .process(new CorrelationFunction(conf))
                .uid("hardware-correlation").name("Hardware: switch versus node correlation");
        return new HardwareStage(
                node.union(correlated),
                node.getSideOutput(NodeHardwareFunction.NODES),
                node.getSideOutput(NodeHardwareFunction.EVIDENCE).union(correlated.getSideOutput(CorrelationFunction.EVIDENCE)),
                ports.getSideOutput(NicPortFunction.METRICS),
                accepted.getSideOutput(RuleSetGate.REJECTED));
    }

    // Named classes, not lambdas: Either's type parameters are erased from lambdas.
    private static final class XidLeft implements MapFunction<Xid, Either<Xid, GpuSample>> {
        @Override
        public Either<Xid, GpuSample> map(Xid xid) {
            return Either.Left(xid);
        }
    }

    private static final class SampleRight implements MapFunction<GpuSample, Either<Xid, GpuSample>> {
        @Override
        public Either<Xid, GpuSample> map(GpuSample sample) {
            return Either.Right(sample);
        }
    }
}
