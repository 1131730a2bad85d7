package io.ballast.benchmarks;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.NodeHeader;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.jobs.io.AvroRecordSerializer;
import io.ballast.jobs.io.FlatRecordSerializer;
import io.ballast.jobs.io.NicCountersSerializer;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.hardware.CounterTracker;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One GPU sample across the keyed exchange (serialize on the source's side, deserialize on the operator's), as a
 * collector fills it: through the flat layout the job uses, and through the Avro body it used before. And one NIC
 * sample of seventeen counters, as the source decoded it, through the job's NIC serializer; and what the node operator
 * does with an exchanged NIC sample's counters: deserialize, then compare with the port's baseline. And a GPU sample off
 * Kafka end to end across the exchange, the way the job takes it now (header, message, decode) and took it before.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExchangeBenchmark {
    private final TypeSerializer<GpuSample> flat = new FlatRecordSerializer<>(GpuSample.class);
    private final TypeSerializer<GpuSample> avro = new AvroRecordSerializer<>(GpuSample.class);
    private final DataOutputSerializer out = new DataOutputSerializer(1024);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private GpuSample sample;
    private final NicCountersSerializer nicSerializer = new NicCountersSerializer();
    private NicCounters nic;
    private final CounterTracker tracker = new CounterTracker();
    private byte[] exchangedNic;
    private long ts;
    private final byte[] gpuMessage = AvroCodec.encode(collectorGpuSample());
    private final RawRecord kafkaRecord = new RawRecord("ballast.telemetry.gpu", 7, 123_456_789L, gpuMessage, 1_795_486_326_050L);
    private final NodeHeader header = new NodeHeader();
    private final TypeSerializer<NodeMessage> messages = NodeMessage.TYPE.createSerializer(new SerializerConfigImpl());

    @Setup
    public void setUp() {
        sample = collectorGpuSample();
        Map<String, Long> counters = new HashMap<>();
        for (String name : StateSnapshotBenchmark.NIC) {
            counters.put(name, 9_000_000_000L + name.length());
        }
        NicCounters built = NicCounters.newBuilder().setTs(1_795_486_326_000L).setCluster("h100-a").setNode("gpu-node-01234")
                .setDevice("mlx5_3").setPort(1).setPlane(3).setSwitch$("leaf-p3-07").setLinkState("ACTIVE")
                .setBootId("7f0c9a4e-1b2d-4c3e-8f5a-6b7c8d9e0f1a").setCounters(counters).build();
        try {
            nic = (NicCounters) AvroCodec.decode(AvroCodec.encode(built)); // counters as the source's decoder hands them over
            out.clear();
            nicSerializer.serialize(nic, out);
            exchangedNic = out.getCopyOfBuffer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code gpu_sample} as a collector fills it: 21 of its 27 fields set. */
    static GpuSample collectorGpuSample() {
        return GpuSample.newBuilder().setTs(1_795_486_326_000L).setCluster("h100-a").setNode("gpu-node-01234").setGpu(3)
                .setUuid("GPU-5f1c2a9e-7d44-4b1a-9c3e-2a6b8d0f1e77").setTempC(41.0).setMemTempC(38.0).setPowerW(312.5)
                .setSmClockMhz(1980.0).setUtilPct(98.0).setMemUsedMib(71_234.0).setEccSbeVolatileTotal(0L)
                .setEccDbeVolatileTotal(0L).setRetiredPagesPending(false).setRemapPending(false).setRemapFailure(false)
                .setNvlinkCrcErrorsTotal(0L).setNvlinkReplayErrorsTotal(0L).setNvlinkRecoveryErrorsTotal(0L)
                .setPcieReplayTotal(0L).setThrottleReasons(0L).build();
    }

    @Benchmark
    public NicCounters nicCountersFlat() throws IOException {
        out.clear();
        nicSerializer.serialize(nic, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return nicSerializer.deserialize(in);
    }

    /** The node operator's side of a NIC sample: off the exchange, into the port's counter deltas. */
    @Benchmark
    public CounterDelta nicExchangedToDeltas() throws IOException {
        in.setBuffer(exchangedNic, 0, exchangedNic.length);
        NicCounters sample = nicSerializer.deserialize(in);
        ts += 5_000;
        return tracker.update(sample.getBootId(), ts, sample.getCounters());
    }

    @Benchmark
    public GpuSample gpuSampleFlat() throws IOException {
        return roundTrip(flat, sample);
    }

    @Benchmark
    public GpuSample gpuSampleAvro() throws IOException {
        return roundTrip(avro, sample);
    }

    /** Session 14's path for one GPU sample off Kafka: decoded by the source, flat across the exchange. */
    @Benchmark
    public GpuSample gpuMessageDecodedThenFlat() throws Exception {
        return roundTrip(flat, (GpuSample) AvroCodec.decode(gpuMessage));
    }

    /** The job's path from session 15: the header read by the source, the message across, decoded by the node operator. */
    @Benchmark
    public SpecificRecord gpuMessageHeaderThenDecoded() throws Exception {
        header.read(gpuMessage);
        out.clear();
        messages.serialize(NodeMessage.of(kafkaRecord, header.ts(), header.cluster(), header.node(), gpuMessage), out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return AvroCodec.decode(messages.deserialize(in).message);
    }

    private GpuSample roundTrip(TypeSerializer<GpuSample> serializer, GpuSample value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
