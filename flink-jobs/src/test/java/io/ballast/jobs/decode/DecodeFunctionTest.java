package io.ballast.jobs.decode;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.JsonCodec;
import io.ballast.events.DeadLetter;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GPU and NIC samples leave the decoder as their messages, timed and keyed by a header read; everything else, and a
 * sample that came as JSON, is decoded whole first. A header that does not read is the decoder's dead letter.
 */
class DecodeFunctionTest {
    static final long T0 = 1_795_486_326_000L;
    static final GpuSample GPU = GpuSample.newBuilder().setTs(T0).setCluster("h100-a").setNode("gpu-node-7").setGpu(3).build();
    static final NicCounters NIC = NicCounters.newBuilder().setTs(T0 + 1).setNode("gpu-node-7").setDevice("mlx5_0").setPort(1)
            .setBootId("b").setCounters(Map.of("symbol_error", 0L)).build();

    OneInputStreamOperatorTestHarness<RawRecord, DeadLetter> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeFunction(Duration.ZERO)));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void avroSamplesGoOutAsTheirOwnBytesWithTheirTimeAndNode() throws Exception {
        byte[] gpu = AvroCodec.encode(GPU);
        byte[] nic = AvroCodec.encode(NIC);
        harness.processElement(new StreamRecord<>(new RawRecord("ballast.telemetry.gpu", 2, 10L, gpu, T0 + 50)));
        harness.processElement(new StreamRecord<>(new RawRecord("ballast.telemetry.nic", 5, 11L, nic, T0 + 50)));

        NodeMessage g = only(Telemetry.GPU);
        assertThat(g.message).isSameAs(gpu);
        assertThat(List.of(g.ts, g.cluster, g.node, g.source(), g.sourceTs)).containsExactly(T0, "h100-a", "gpu-node-7", "ballast.telemetry.gpu/2/10", T0 + 50);
        NodeMessage n = only(Telemetry.NIC);
        assertThat(n.message).isSameAs(nic);
        assertThat(n.cluster).isNull();
        assertThat(n.ts).isEqualTo(T0 + 1);
    }

    @Test
    void aJsonSampleIsDecodedAndTravelsAsAvro() throws Exception {
        byte[] line = JsonCodec.toJson(GPU).getBytes(StandardCharsets.UTF_8);
        harness.processElement(new StreamRecord<>(new RawRecord("trace.jsonl:3", line, true, 0, null)));

        NodeMessage g = only(Telemetry.GPU);
        assertThat(AvroCodec.decode(g.message)).isEqualTo(GPU);
        assertThat(List.of(g.ts, g.cluster, g.node, g.source())).containsExactly(T0, "h100-a", "gpu-node-7", "trace.jsonl:3");
    }

    @Test
    void otherKindsAreDecodedWhole() throws Exception {
        Xid xid = Xid.newBuilder().setTs(T0).setNode("gpu-node-7").setGpu(0).setXid(79).setMessage("fell off the bus").build();
        harness.processElement(new StreamRecord<>(new RawRecord("ballast.telemetry.xid", 0, 1L, AvroCodec.encode(xid), T0)));

        assertThat(harness.getSideOutput(Telemetry.XID)).extracting(StreamRecord::getValue).containsExactly(xid);
        assertThat(harness.getSideOutput(Telemetry.GPU)).isNull();
    }

    @Test
    void aSampleWhoseHeaderDoesNotReadIsADeadLetterHere() throws Exception {
        byte[] cut = Arrays.copyOf(AvroCodec.encode(GPU), 12);
        harness.processElement(new StreamRecord<>(new RawRecord("ballast.telemetry.gpu", 1, 99L, cut, T0 + 50)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(d -> {
            assertThat(d.getSource()).isEqualTo("ballast.telemetry.gpu/1/99");
            assertThat(d.getReason()).startsWith("bad Avro body for gpu_sample");
        });
        assertThat(harness.getSideOutput(Telemetry.GPU)).isNull();
    }

    private NodeMessage only(org.apache.flink.util.OutputTag<NodeMessage> tag) {
        assertThat(harness.getSideOutput(tag)).hasSize(1);
        return harness.getSideOutput(tag).peek().getValue();
    }
}
