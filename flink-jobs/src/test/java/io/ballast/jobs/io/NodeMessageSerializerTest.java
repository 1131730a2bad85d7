package io.ballast.jobs.io;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeMessageSerializerTest {
    private final TypeSerializer<NodeMessage> serializer = NodeMessage.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl());

    @Test
    void carriesTheHeaderThePositionAndTheMessageBytes() throws Exception {
        NodeMessage kafka = NodeMessage.of(new RawRecord("ballast.telemetry.nic", 7, 42L, new byte[] {1, 2, 3}, 1_795_486_400_000L),
                1_795_486_326_000L, "h100-a", "gpu-node-7", new byte[] {(byte) 0xC3, 1, 9, 8});
        NodeMessage file = NodeMessage.of(new RawRecord("trace.jsonl:12", new byte[0], true, 0, null),
                1_795_486_331_000L, null, "gpu-node-8", new byte[] {5});

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(kafka, out);
        serializer.serialize(kafka, out);
        serializer.serialize(file, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        NodeMessage first = serializer.deserialize(in);
        NodeMessage second = serializer.deserialize(in);
        NodeMessage third = serializer.deserialize(in);

        assertThat(first).usingRecursiveComparison().isEqualTo(kafka);
        assertThat(first.source()).isEqualTo("ballast.telemetry.nic/7/42");
        assertThat(second.node).as("a repeated node name comes back as the same string").isSameAs(first.node);
        assertThat(third).usingRecursiveComparison().isEqualTo(file);
        assertThat(third.source()).isEqualTo("trace.jsonl:12");
        assertThat(in.available()).isZero();
    }

    @Test
    void aCorruptLengthIsAnErrorNotAnAllocation() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(NodeMessage.of(new RawRecord("t", 0, 0L, new byte[0], 0), 1L, null, "n", new byte[] {1}), out);
        byte[] bytes = out.getCopyOfBuffer();
        bytes[bytes.length - 5] = (byte) 0x7F; // the length's high byte
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt node message");
    }

    @Test
    void itsSnapshotRestoresAnEqualSerializer() throws Exception {
        TypeSerializerSnapshot<NodeMessage> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<NodeMessage> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.duplicate()).isEqualTo(serializer).isNotSameAs(serializer);
    }
}
