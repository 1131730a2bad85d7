package io.ballast.jobs.state;

import io.ballast.jobs.hardware.GpuTrack;
import io.ballast.jobs.hardware.NodeHardware;
import io.ballast.jobs.hardware.NodeHardwareFunction;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.hardware.CounterTracker;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateSerializersTest {
    private static final long T0 = 1_790_000_000_000L;

    private static Map<String, Long> sample(long base) {
        Map<String, Long> counters = new TreeMap<>();
        counters.put("port_xmit_data", 9_000_000_000_000L + base * 1_000);
        counters.put("symbol_error", base);
        counters.put("link_downed", 1L);
        counters.put("vendor_new_counter", 7 + base); // no id: travels by name
        return counters;
    }

    /** The bytes a part of a value keeps from its last checkpoint. */
    private static byte[] kept(KeptBytes part) {
        return part.get();
    }

    private static <T> byte[] written(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading").isZero();
        return read;
    }

    @Test
    void aRestoredTrackerComputesTheSameDeltasAsTheOriginal() throws Exception {
        CounterTracker original = new CounterTracker();
        original.update("boot-a", T0, sample(1));
        original.update("boot-a", T0 + 5_000, sample(3));

        CounterTracker restored = roundTrip(new CounterTrackerSerializer(), original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        CounterDelta fromOriginal = original.update("boot-a", T0 + 10_000, sample(10));
        CounterDelta fromRestored = restored.update("boot-a", T0 + 10_000, sample(10));
        assertThat(fromRestored.getDeltas()).isEqualTo(fromOriginal.getDeltas()).containsEntry("symbol_error", 7L).containsEntry("vendor_new_counter", 7L);
        assertThat(fromRestored.isBaseline()).isFalse();
    }

    @Test
    void aFreshTrackerRoundTripsAsFresh() throws Exception {
        CounterTracker restored = roundTrip(new CounterTrackerSerializer(), new CounterTracker());

        assertThat(restored).usingRecursiveComparison().isEqualTo(new CounterTracker());
        assertThat(restored.update("boot-a", T0, sample(1)).isBaseline()).isTrue();
    }

    @Test
    void aCopyKeepsItsBaselinesWhenTheOriginalMovesOn() {
        CounterTrackerSerializer serializer = new CounterTrackerSerializer();
        CounterTracker original = new CounterTracker();
        original.update("boot-a", T0, sample(1));
        long[] before = original.getValues().clone();
        CounterTracker snapshot = serializer.copy(original);

        original.update("boot-a", T0 + 5_000, sample(50));

        assertThat(snapshot.getLastTs()).isEqualTo(T0);
        assertThat(snapshot.getValues()).as("the update replaced the arrays, it did not write into them").isEqualTo(before)
                .isNotEqualTo(original.getValues());
        assertThat(snapshot.getOther()).containsEntry("vendor_new_counter", 8L);
    }

    @Test
    void aGpuTrackRoundTripsWithItsSustainedRateClocks() throws Exception {
        GpuTrack track = new GpuTrack();
        track.counters.update("gpu-uuid", T0, Map.of("nvlink_crc_errors_total", 4L, "pcie_replay_total", 2L));
        track.nvlink.setAboveSinceTs(T0 - 60_000);

        GpuTrack restored = roundTrip(new GpuTrackSerializer(), track);

        assertThat(restored).usingRecursiveComparison().isEqualTo(track);
        GpuTrack copy = new GpuTrackSerializer().copy(track);
        track.pcie.setAboveSinceTs(T0);
        assertThat(copy.pcie.getAboveSinceTs()).isEqualTo(-1);
    }

    @Test
    void keysRoundTripIncludingNonAsciiAndEmpty() throws Exception {
        for (String key : new String[]{"bench-paced/gpu-node-29258", "", "clüster/ノード-1", "a".repeat(70_000)}) {
            assertThat(roundTrip(Utf8StringSerializer.INSTANCE, key)).isEqualTo(key);
        }
    }

    @Test
    void snapshotsRestoreACompatibleSerializer() {
        assertCompatible(new CounterTrackerSerializer());
        assertCompatible(new GpuTrackSerializer());
        assertCompatible(Utf8StringSerializer.INSTANCE);
        assertCompatible(new NodeGpusSerializer());
    }

    @Test
    void aSnapshotWrittenToACheckpointRestoresItsSerializer() throws Exception {
        TypeSerializerSnapshot<NodeHardware> read = writtenAndRead(new NodeGpusSerializer().snapshotConfiguration());

        assertThat(read.restoreSerializer()).isEqualTo(new NodeGpusSerializer());
        assertThat(new NodeGpusSerializer().snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anotherSerializersSnapshotIsIncompatible() {
        TypeSerializerSnapshot gpus = new NodeGpusSerializer().snapshotConfiguration();

        assertThat(new GpuTrackSerializer().snapshotConfiguration().resolveSchemaCompatibility(gpus).isIncompatible()).isTrue();
    }

    @Test
    void aCheckpointOfTheGpusOnlyLayoutRestoresWithNoPortsAndMigrates() throws Exception {
        TypeSerializerSnapshot<NodeHardware> layout2 = writtenAndRead(snapshotOfLayout(2));
        NodeHardware node = new NodeHardware(7);
        node.track(3).counters.update("uuid-3", T0, Map.of("pcie_replay_total", 2L));
        node.seen(T0);
        DataOutputSerializer old = new DataOutputSerializer(256); // what session 7's build wrote: presence, then the GPUs
        old.writeLong(T0);
        old.writeInt(7);
        old.writeInt(1);
        old.writeInt(3);
        new GpuTrackSerializer().serialize(node.trackAt(0), old);

        DataInputDeserializer in = new DataInputDeserializer(old.getCopyOfBuffer());
        NodeHardware restored = layout2.restoreSerializer().deserialize(in);

        assertThat(in.available()).isZero();
        assertThat(restored.lastSeen()).isEqualTo(T0);
        assertThat(restored.clusterLength()).isEqualTo(7);
        assertThat(restored.gpu(0)).isEqualTo(3);
        assertThat(restored.trackAt(0).counters.getValues()).containsExactly(2L);
        assertThat(restored.portCount()).isZero();
        assertThat(new NodeGpusSerializer().snapshotConfiguration().resolveSchemaCompatibility(layout2).isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void aLayoutThisBuildCannotReadFailsTheRestoreByName() throws Exception {
        TypeSerializerSnapshot<NodeHardware> layout1 = writtenAndRead(snapshotOfLayout(1));

        assertThat(new NodeGpusSerializer().snapshotConfiguration().resolveSchemaCompatibility(layout1).isIncompatible()).isTrue();
        assertThatThrownBy(layout1::restoreSerializer).hasMessageContaining("NodeGpusSerializer in layout 1");
    }

    /** The snapshot an older build's {@link NodeGpusSerializer} wrote: its class name and the layout number. */
    private static TypeSerializerSnapshot<NodeHardware> snapshotOfLayout(int layout) throws IOException {
        DataOutputSerializer fields = new DataOutputSerializer(64);
        fields.writeUTF(NodeGpusSerializer.class.getName());
        fields.writeInt(layout);
        StateSerializerSnapshot<NodeHardware> snapshot = new StateSerializerSnapshot<>();
        snapshot.readSnapshot(1, new DataInputDeserializer(fields.getCopyOfBuffer()), StateSerializersTest.class.getClassLoader());
        return snapshot;
    }

    private static <T> TypeSerializerSnapshot<T> writtenAndRead(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), StateSerializersTest.class.getClassLoader());
    }

    private static <T> void assertCompatible(TypeSerializer<T> serializer) {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        assertThat(snapshot.restoreSerializer()).isEqualTo(serializer);
    }

    @Test
    void aNodesPortsRoundTripWithTheirBaselinesAndLastSeen() throws Exception {
        NodeHardware node = new NodeHardware(7);
        for (int port = 1; port <= 9; port++) { // past the initial capacity of eight
            node.tracker("mlx5_" + port, 1).update("boot-a", T0, sample(port));
        }
        node.tracker("mlx5_1", 2).update("boot-a", T0, sample(100));
        node.seen(T0);

        NodeHardware restored = roundTrip(new NodeGpusSerializer(), node);

        assertThat(restored.portCount()).isEqualTo(10);
        assertThat(restored.lastSeen()).isEqualTo(T0);
        assertThat(restored).usingRecursiveComparison().ignoringFields("gpuBytes", "portBytes").isEqualTo(node);
        CounterDelta next = restored.tracker("mlx5_1", 2).update("boot-a", T0 + 5_000, sample(101));
        assertThat(next.getDeltas()).containsEntry("symbol_error", 1L);
        assertThat(restored.portCount()).as("an existing port is found, not added").isEqualTo(10);
    }

    @Test
    void eachPartIsEncodedAgainAfterEveryKindOfChangeToItAndOnlyThen() throws Exception {
        NodeGpusSerializer serializer = new NodeGpusSerializer();
        NodeHardware node = new NodeHardware(7);
        node.tracker("mlx5_0", 1).update("boot-a", T0, sample(1));
        node.track(0).counters.update("uuid-0", T0, Map.of("pcie_replay_total", 1L));
        node.seen(T0);
        roundTrip(serializer, node);
        byte[] gpus = kept(node.gpuBytes());
        byte[] ports = kept(node.portBytes());
        assertThat(gpus).as("kept after a checkpoint").isNotNull();
        assertThat(ports).isNotNull();

        node.seen(T0 + 5_000);
        assertThat(roundTrip(serializer, node).lastSeen()).isEqualTo(T0 + 5_000);
        assertThat(kept(node.gpuBytes())).as("a new last-seen time re-encodes neither part").isSameAs(gpus);
        assertThat(kept(node.portBytes())).isSameAs(ports);

        node.tracker("mlx5_0", 1).update("boot-a", T0 + 5_000, sample(2));
        assertThat(kept(node.portBytes())).isNull();
        assertThat(kept(node.gpuBytes())).as("the GPUs did not change").isSameAs(gpus);
        assertThat(roundTrip(serializer, node).trackerAt(0).getLastTs()).isEqualTo(T0 + 5_000);
        node.addPort("mlx5_1", 1, new CounterTracker());
        assertThat(kept(node.gpuBytes())).isSameAs(gpus);
        assertThat(roundTrip(serializer, node).portCount()).isEqualTo(2);

        ports = kept(node.portBytes());
        node.track(0).nvlink.setAboveSinceTs(T0);
        assertThat(kept(node.gpuBytes())).isNull();
        assertThat(kept(node.portBytes())).as("the ports did not change").isSameAs(ports);
        assertThat(roundTrip(serializer, node).track(0).nvlink.getAboveSinceTs()).isEqualTo(T0);
        node.track(0).counters.update("uuid-0", T0 + 5_000, Map.of("pcie_replay_total", 3L));
        assertThat(roundTrip(serializer, node).track(0).counters.getValues()).containsExactly(3L);
        node.addGpu(1, new GpuTrack());
        assertThat(roundTrip(serializer, node).gpuCount()).isEqualTo(2);

        NodeHardware copy = serializer.copy(node);
        assertThat(kept(copy.gpuBytes())).as("a copy is the task's to change").isNull();
        assertThat(kept(copy.portBytes())).isNull();
        assertThat(written(serializer, node)).as("kept bytes are the bytes a fresh encoding writes").isEqualTo(written(new NodeGpusSerializer(), copy));
    }

    @Test
    void aCopyOfANodeDoesNotShareItsBaselines() {
        NodeHardware node = new NodeHardware(7);
        node.tracker("mlx5_0", 1).update("boot-a", T0, sample(1));
        NodeHardware copy = new NodeGpusSerializer().copy(node);

        node.tracker("mlx5_0", 1).update("boot-a", T0 + 5_000, sample(2));
        node.tracker("mlx5_1", 1);

        assertThat(copy.portCount()).isEqualTo(1);
        assertThat(copy.trackerAt(0).getLastTs()).isEqualTo(T0);
    }

    @Test
    void aNodesGpusRoundTripAndCopyApart() throws Exception {
        NodeHardware node = new NodeHardware(7);
        for (int gpu = 7; gpu >= 0; gpu--) {
            node.track(gpu).counters.update("uuid-" + gpu, T0, Map.of("pcie_replay_total", (long) gpu));
        }
        node.track(42).nvlink.setAboveSinceTs(T0 - 60_000); // a ninth, out of order
        node.seen(T0);

        NodeHardware restored = roundTrip(new NodeGpusSerializer(), node);
        NodeHardware copy = new NodeGpusSerializer().copy(node);
        node.track(42).nvlink.setAboveSinceTs(T0);

        assertThat(restored.gpuCount()).isEqualTo(9);
        assertThat(restored.lastSeen()).isEqualTo(T0);
        assertThat(restored.clusterLength()).isEqualTo(7);
        assertThat(copy.lastSeen()).isEqualTo(T0);
        assertThat(copy.clusterLength()).isEqualTo(7);
        assertThat(restored.track(42).nvlink.getAboveSinceTs()).isEqualTo(T0 - 60_000);
        assertThat(restored.track(3).counters.getLastTs()).isEqualTo(T0);
        assertThat(copy.track(42).nvlink.getAboveSinceTs()).isEqualTo(T0 - 60_000);
        assertThat(restored.gpuCount()).as("existing GPUs are found, not added").isEqualTo(9);
    }

    @Test
    void aCorruptCountFailsTheRestoreInsteadOfAllocating() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(() -> {
            out.writeLong(T0);
            out.writeInt(7);
            out.writeInt(-5);
            new NodeGpusSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        }).isInstanceOf(IOException.class).hasMessageContaining("corrupt GPUs");
    }

    @Test
    void thePerNodeStateUsesThem() {
        NodeHardwareFunction.HARDWARE.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(NodeHardwareFunction.HARDWARE.getSerializer()).isInstanceOf(NodeGpusSerializer.class);
    }
}
