package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.config.Configs;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;
import io.ballast.jobs.stability.NodeEvidence;
import io.ballast.rules.Decision;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Hardware health: per node (Xids, GPU counters), per NIC port, and per cluster (switch-versus-node correlation). */
public final class HardwareStage {
    public final DataStream<Decision> decisions;
    public final DataStream<NodeSeen> nodesSeen;
    public final DataStream<NodeEvidence> evidence;
    public final DataStream<Metric> metrics;

    private HardwareStage(DataStream<Decision> decisions, DataStream<NodeSeen> nodesSeen, DataStream<NodeEvidence> evidence, DataStream<Metric> metrics) {
        this.decisions = decisions;
        this.nodesSeen = nodesSeen;
        this.evidence = evidence;
        this.metrics = metrics;
    }

    public static HardwareStage build(TelemetryStreams in, Configuration conf) {
        SingleOutputStreamOperator<Decision> node = in.xid()
                .keyBy(x -> Configs.cluster(x.getCluster()) + "/" + x.getNode())
                .connect(in.gpu().keyBy(g -> Configs.cluster(g.getCluster()) + "/" + g.getNode()))
                .process(new NodeHardwareFunction(conf, conf.get(BallastOptions.HARDWARE_WINDOW)))
                .uid("hardware-node").name("Hardware: Xids and GPU counters per node");
        SingleOutputStreamOperator<CorrelationSignal> ports = in.nic()
                .keyBy(n -> Configs.cluster(n.getCluster()) + "/" + n.getNode() + "/" + n.getDevice() + "/" + n.getPort())
                .process(new NicPortFunction(conf))
                .uid("hardware-nic-port").name("Hardware: NIC counters per port");
        SingleOutputStreamOperator<Decision> correlated = ports.union(node.getSideOutput(NodeHardwareFunction.HOST_EVIDENCE))
                .keyBy(s -> s.cluster)
                .process(new CorrelationFunction(conf))
                .uid("hardware-correlation").name("Hardware: switch versus node correlation");
        return new HardwareStage(
                node.union(correlated),
                node.getSideOutput(NodeHardwareFunction.NODES),
                node.getSideOutput(NodeHardwareFunction.EVIDENCE).union(correlated.getSideOutput(CorrelationFunction.EVIDENCE)),
                ports.getSideOutput(NicPortFunction.METRICS));
    }
}
