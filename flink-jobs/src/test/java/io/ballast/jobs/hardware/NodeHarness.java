package io.ballast.jobs.hardware;

import io.ballast.events.DeadLetter;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.rules.Decision;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;

import java.time.Duration;
import java.util.List;

/** A test harness around one {@link NodeHardwareFunction} with its default rules, not yet opened. */
final class NodeHarness {
    private NodeHarness() {}

    static KeyedBroadcastOperatorTestHarness<String, Either<NodeMessage, Xid>, SignedRuleSet, Decision> create() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new NodeHardwareFunction(new Configuration(), Duration.ofMinutes(10)), List.of(RulesBroadcast.STATE)),
                NodeKey::ofHardware, Types.STRING, 1, 1, 0);
    }

    /** A harness that is set up and open, for tests that do not restore state. */
    static KeyedBroadcastOperatorTestHarness<String, Either<NodeMessage, Xid>, SignedRuleSet, Decision> open() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Either<NodeMessage, Xid>, SignedRuleSet, Decision> h = create();
        h.open();
        return h;
    }

    /** Moves event time on both inputs; the rules input never holds it back in the job ({@link RuleUpdates}). */
    static void watermark(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, long ts) throws Exception {
        h.processBroadcastWatermark(ts);
        h.processWatermark(ts);
    }

    static List<Decision> decisions(KeyedBroadcastOperatorTestHarness<?, ?, ?, Decision> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord).map(o -> (Decision) ((StreamRecord<?>) o).getValue()).toList();
    }

    /** What went to the cluster-wide correlation: NIC error activity and host evidence. */
    static List<CorrelationSignal> correlation(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var out = h.getSideOutput(NodeHardwareFunction.CORRELATION);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    static List<DeadLetter> deadLetters(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var out = h.getSideOutput(NodeHardwareFunction.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }
}
