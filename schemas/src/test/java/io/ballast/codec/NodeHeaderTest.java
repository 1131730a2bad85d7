package io.ballast.codec;

import io.ballast.contract.EventType;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeHeaderTest {
    private final NodeHeader header = new NodeHeader();

    @Test
    void readsTheTimeClusterAndNodeOfGpuAndNicSamples() throws Exception {
        GpuSample gpu = (GpuSample) sample(EventType.GPU_SAMPLE);
        NicCounters nic = (NicCounters) sample(EventType.NIC_COUNTERS);

        assertThat(header.read(AvroCodec.encode(gpu))).isTrue();
        assertThat(header.type()).isEqualTo(EventType.GPU_SAMPLE);
        assertThat(header.ts()).isEqualTo(gpu.getTs());
        assertThat(header.cluster()).isEqualTo(gpu.getCluster());
        assertThat(header.node()).isEqualTo(gpu.getNode());

        NicCounters other = NicCounters.newBuilder(nic).setCluster(null).setNode("nic-node-2").setTs(nic.getTs() + 5_000).build();
        assertThat(header.read(AvroCodec.encode(other))).isTrue();
        assertThat(header.type()).isEqualTo(EventType.NIC_COUNTERS);
        assertThat(header.ts()).isEqualTo(other.getTs());
        assertThat(header.cluster()).as("no cluster: the default one").isNull();
        assertThat(header.node()).isEqualTo("nic-node-2");
    }

    @Test
    void aRepeatedNodeNameIsTheSameString() throws Exception {
        GpuSample gpu = (GpuSample) sample(EventType.GPU_SAMPLE);
        header.read(AvroCodec.encode(gpu));
        String first = header.node();
        header.read(AvroCodec.encode(GpuSample.newBuilder(gpu).setGpu(gpu.getGpu() + 1).build()));
        assertThat(header.node()).isSameAs(first);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"GPU_SAMPLE", "NIC_COUNTERS"}, mode = EnumSource.Mode.EXCLUDE)
    void leavesEveryOtherKindToTheFullDecode(EventType type) throws Exception {
        assertThat(header.read(AvroCodec.encode(sample(type)))).isFalse();
    }

    @Test
    void leavesWhatIsNotAvroToTheFullDecode() throws Exception {
        assertThat(header.read(new byte[0])).isFalse();
        assertThat(header.read(ContractSamples.line(EventType.GPU_SAMPLE).getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void anUnreadableHeaderOrAnImpossibleTimeIsADecodeError() {
        byte[] good = AvroCodec.encode(sample(EventType.GPU_SAMPLE));
        assertThatThrownBy(() -> header.read(Arrays.copyOf(good, 12)))
                .isInstanceOf(DecodeException.class).hasMessageStartingWith("bad Avro body for gpu_sample");
        GpuSample in1990 = GpuSample.newBuilder((GpuSample) sample(EventType.GPU_SAMPLE)).setTs(631_152_000_000L).build();
        assertThatThrownBy(() -> header.read(AvroCodec.encode(in1990)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("is not epoch milliseconds between 2000 and 2100");
    }

    @Test
    void aBodyBrokenAfterTheHeaderIsLeftToTheFullDecode() throws Exception {
        byte[] good = AvroCodec.encode(sample(EventType.GPU_SAMPLE));
        byte[] truncated = Arrays.copyOf(good, good.length - 4);

        assertThat(header.read(truncated)).isTrue();
        assertThatThrownBy(() -> AvroCodec.decode(truncated)).isInstanceOf(DecodeException.class);
    }

    private static SpecificRecord sample(EventType type) {
        try {
            return JsonCodec.fromJson(ContractSamples.line(type));
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
