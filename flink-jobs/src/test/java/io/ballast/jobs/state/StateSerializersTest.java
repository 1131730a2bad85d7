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
    void aCheckpointOfTheFixedWidthLayoutMigratesToTheCompactOne() throws Exception {
        TypeSerializerSnapshot<NodeHardware> layout3 = writtenAndRead(snapshotOfLayout(3));

        assertThat(new NodeGpusSerializer().snapshotConfiguration().resolveSchemaCompatibility(layout3).isCompatibleAfterMigration()).isTrue();
        assertThat(layout3.restoreSerializer()).isEqualTo(new NodeGpusSerializer().reading(3)).isNotEqualTo(new NodeGpusSerializer());
    }

    @Test
    void aLayoutThisBuildCannotReadFailsTheRestoreByName() throws Exception {
        for (int layout : new int[]{1, 5}) {
            TypeSerializerSnapshot<NodeHardware> unknown = writtenAndRead(snapshotOfLayout(layout));

            assertThat(new NodeGpusSerializer().snapshotConfiguration().resolveSchemaCompatibility(unknown).isIncompatible()).isTrue();
            assertThatThrownBy(unknown::restoreSerializer).hasMessageContaining("NodeGpusSerializer in layout " + layout);
        }
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
            new NodeGpusSerializer().reading(3).deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        }).isInstanceOf(IOException.class).hasMessageContaining("corrupt GPUs");
    }

    @Test
    void aCompactPartCutShortOrTooLongFailsTheRestoreByName() throws Exception {
        NodeHardware node = new NodeHardware(7);
        node.tracker("mlx5_0", 1).update("boot-a", T0, sample(1));
        node.seen(T0);
        byte[] whole = written(new NodeGpusSerializer(), node);

        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> new NodeGpusSerializer().deserialize(new DataInputDeserializer(cut))).isInstanceOf(java.io.EOFException.class);
        byte[] huge = java.util.Arrays.copyOf(whole, 64);
        huge[12] = (byte) 0xFF; // the GPU part's length: 2^28 - 1 bytes, past what a restore allocates for one node
        huge[13] = (byte) 0xFF;
        huge[14] = (byte) 0xFF;
        huge[15] = (byte) 0x7F;
        assertThatThrownBy(() -> new NodeGpusSerializer().deserialize(new DataInputDeserializer(huge))).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt GPUs: length 268435455");
        java.util.Arrays.fill(huge, 12, 64, (byte) 0xFF); // a length varint that never ends
        assertThatThrownBy(() -> new NodeGpusSerializer().deserialize(new DataInputDeserializer(huge))).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt GPUs: not a length");
        byte[] lying = whole.clone();
        lying[whole.length - 1 - portPartLength(node) + 1] = 0x7F; // the port count, zigzag: -64
        assertThatThrownBy(() -> new NodeGpusSerializer().deserialize(new DataInputDeserializer(lying))).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt NIC ports");
    }

    /** The bytes of a node's port part after its length prefix (one byte for a small part). */
    private static int portPartLength(NodeHardware node) throws IOException {
        new NodeGpusSerializer().serialize(node, new DataOutputSerializer(64));
        return kept(node.portBytes()).length - 1;
    }

    @Test
    void theCompactLayoutRoundTripsAFleetNodeInAThirdOfLayoutThreesBytes() throws Exception {
        NodeHardware node = fleetNode();

        NodeHardware restored = roundTrip(new NodeGpusSerializer(), fleetNode());
        int compact = written(new NodeGpusSerializer(), fleetNode()).length;
        int layout3 = written(new NodeGpusSerializer().reading(3), fleetNode()).length;

        assertThat(restored).usingRecursiveComparison().ignoringFields("gpuBytes", "portBytes").isEqualTo(node);
        assertThat(roundTrip(new NodeGpusSerializer().reading(3), fleetNode())).usingRecursiveComparison()
                .ignoringFields("gpuBytes", "portBytes").isEqualTo(node);
        assertThat(compact).as("compact %d bytes against layout 3's %d", compact, layout3).isLessThan(layout3 / 3);
    }

    /** A node as the simulator's fleet reports it: 8 GPUs with their totals, 8 ports with 17 counters. */
    private static NodeHardware fleetNode() {
        NodeHardware node = new NodeHardware("default".length());
        long ts = T0;
        for (int gpu = 0; gpu < 8; gpu++) {
            Map<String, Long> totals = new TreeMap<>();
            for (String name : new String[]{"ecc_sbe_volatile_total", "ecc_dbe_volatile_total", "nvlink_crc_errors_total",
                    "nvlink_replay_errors_total", "nvlink_recovery_errors_total", "pcie_replay_total"}) {
                totals.put(name, gpu == 3 ? 12L : 0L);
            }
            node.track(gpu).counters.update("boot-1", ts += 300, totals);
        }
        node.track(5).pcie.setAboveSinceTs(T0 - 90_000);
        for (int plane = 0; plane < 8; plane++) {
            Map<String, Long> counters = new TreeMap<>();
            for (String name : new String[]{"symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
                    "port_rcv_remote_physical_errors", "port_xmit_discards", "excessive_buffer_overrun_errors",
                    "local_link_integrity_errors", "out_of_sequence"}) {
                counters.put(name, 0L);
            }
            counters.put("port_xmit_data", 259_200_000_000_000L + plane);
            counters.put("port_rcv_data", 258_900_000_000_000L + plane);
            counters.put("port_xmit_packets", 253_125_000_000L);
            counters.put("port_rcv_packets", 252_832_000_000L);
            counters.put("port_xmit_wait", 21_600_000_000L);
            counters.put("np_cnp_sent", 864_000L);
            counters.put("rp_cnp_handled", 864_100L);
            counters.put("np_ecn_marked_roce_packets", 1_080_000L);
            node.tracker("mlx5_" + plane, 1).update("boot-1", ts += 300, counters);
        }
        node.seen(ts);
        return node;
    }

    @Test
    void trackersOutsideTheUsualShapeRoundTripInTheCompactLayout() throws Exception {
        NodeHardware node = new NodeHardware(0);
        node.addPort("mlx5_0", 1, new CounterTracker()); // fresh: no source, no last time
        node.addPort("", -3, tracker(Long.MIN_VALUE, Long.MAX_VALUE, new int[]{5, 2, 5, -1}, new long[]{-1, Long.MIN_VALUE, 0, 7}));
        node.addPort("ポート", 0, tracker(0, 0, new int[]{0, 1023, 4000}, new long[]{1, 2, 3}));
        CounterTracker named = tracker(42, T0 - 1, new int[]{}, new long[]{});
        named.setOther(new TreeMap<>(Map.of("vendor_a", -5L, "vendor_b", 1L << 40)));
        node.addPort("mlx5_1", Integer.MAX_VALUE, named);
        CounterTracker noneNamed = tracker(42, T0, new int[]{12}, new long[]{9});
        noneNamed.setOther(new TreeMap<>());
        node.addPort("mlx5_2", Integer.MIN_VALUE, noneNamed);
        GpuTrack gpu = new GpuTrack();
        gpu.counters = tracker(-7, T0 + (1L << 62), new int[]{51, 46}, new long[]{3, 4});
        gpu.nvlink.setAboveSinceTs(Long.MIN_VALUE);
        gpu.pcie.setAboveSinceTs(T0 + Long.MIN_VALUE);
        node.addGpu(-1, gpu);
        node.addGpu(1 << 20, new GpuTrack());
        node.seen(T0);

        NodeHardware restored = roundTrip(new NodeGpusSerializer(), node);

        assertThat(restored).usingRecursiveComparison().ignoringFields("gpuBytes", "portBytes").isEqualTo(node);
        assertThat(restored.trackerAt(4).getOther()).as("an empty map is not none").isEmpty();
    }

    private static CounterTracker tracker(long source, long lastTs, int[] ids, long[] values) {
        CounterTracker t = new CounterTracker();
        t.setSource(source);
        t.setLastTs(lastTs);
        t.setIds(ids);
        t.setValues(values);
        return t;
    }

    @Test
    void thePerNodeStateUsesThem() {
        NodeHardwareFunction.HARDWARE.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(NodeHardwareFunction.HARDWARE.getSerializer()).isInstanceOf(NodeGpusSerializer.class);
    }
}
