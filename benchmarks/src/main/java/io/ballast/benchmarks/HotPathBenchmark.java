package io.ballast.benchmarks;

import io.ballast.codec.AvroBody;
import io.ballast.codec.AvroCodec;
import io.ballast.codec.CounterMap;
import io.ballast.codec.DecodeException;
import io.ballast.codec.JsonCodec;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.logic.moe.BiasController;
import io.ballast.logic.moe.BiasOutcome;
import io.ballast.logic.moe.BiasState;
import io.ballast.logic.moe.MoeConfig;
import io.ballast.logic.stability.SpikeDetector;
import io.ballast.logic.stability.SpikeFinding;
import io.ballast.logic.stability.SpikeState;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.hardware.CounterTracker;

import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The pure functions every telemetry record goes through: counter math for a NIC sample, one bias update of a
 * DeepSeek-V3-sized layer (256 experts), one spike-detector step, and the decoders (Avro single-object, JSON Lines).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {
    static final long T0 = 1_795_486_326_000L;

    private CounterTracker tracker;
    private Map<String, Long> counters;
    private long ts;
    private BiasController controller;
    private BiasState bias;
    private long[] loads;
    private long step;
    private SpikeDetector detector;
    private SpikeState spikes;
    private byte[] avroNic;
    private byte[] avroGpu;
    private byte[] gpuBody;
    private AvroBody<GpuSample> generatedGpu;
    private String jsonGpu;
    /** Two nodes' reports in the order a collector publishes them: a node's eight ports (or GPUs), then the next node's. */
    private byte[][] nicPorts;
    private byte[][] gpuBoards;
    private int next;

    @Setup
    public void setUp() {
        tracker = new CounterTracker();
        counters = new TreeMap<>();
        for (String name : List.of("symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors", "port_rcv_remote_physical_errors",
                "port_xmit_discards", "port_xmit_wait", "port_xmit_data", "port_rcv_data", "excessive_buffer_overrun_errors",
                "local_link_integrity_errors", "out_of_sequence", "np_cnp_sent", "rp_cnp_handled")) {
            counters.put(name, 1_000L);
        }
        ts = T0;
        controller = new BiasController(MoeConfig.defaults());
        bias = new BiasState();
        loads = new long[256];
        for (int i = 0; i < loads.length; i++) {
            loads[i] = 1_000 + (i * 37L) % 500;
        }
        detector = new SpikeDetector(StabilityConfig.defaults());
        spikes = new SpikeState();
        NicCounters nic = NicCounters.newBuilder().setTs(T0).setNode("gpu-node-001").setDevice("mlx5_0").setPort(1).setPlane(0)
                .setSwitch$("leaf-p0-0").setLinkState("ACTIVE").setBootId("b0").setCounters(counters).build();
        avroNic = AvroCodec.encode(nic);
        avroGpu = AvroCodec.encode(ExchangeBenchmark.collectorGpuSample());
        nicPorts = new byte[16][];
        gpuBoards = new byte[16][];
        for (int i = 0; i < 16; i++) {
            String node = "gpu-node-0123" + (i / 8);
            int port = i % 8;
            nicPorts[i] = AvroCodec.encode(NicCounters.newBuilder(nic).setCluster("h100-a").setNode(node).setDevice("mlx5_" + port)
                    .setPlane(port).setSwitch$("leaf-p" + port + "-07").setBootId("7f0c9a4e-1b2d-4c3e-8f5a-6b7c8d9e0f1" + (i / 8)).build());
            gpuBoards[i] = AvroCodec.encode(GpuSample.newBuilder(ExchangeBenchmark.collectorGpuSample()).setNode(node).setGpu(port)
                    .setUuid("GPU-5f1c2a9e-7d44-4b1a-9c3e-2a6b8d0f1e" + i).build());
        }
        gpuBody = Arrays.copyOfRange(avroGpu, 10, avroGpu.length); // the single-object header is 10 bytes
        generatedGpu = new AvroBody<>(GpuSample.getClassSchema());
        jsonGpu = JsonCodec.toJson(GpuSample.newBuilder().setTs(T0).setNode("gpu-node-001").setGpu(3).setTempC(41.0).setPowerW(312.5)
                .setUtilPct(98.0).setEccDbeVolatileTotal(0L).setEccSbeVolatileTotal(0L).setPcieReplayTotal(0L).build());
    }

    @Benchmark
    public CounterDelta nicCounterDeltas() {
        ts += 5_000;
        counters.replaceAll((k, v) -> v + 3);
        return tracker.update("b0", ts, counters);
    }

    /** The same, with the counters as the job's decoders hand them over: a fresh {@link CounterMap} per sample. */
    @Benchmark
    public CounterDelta nicCounterDeltasDecoded() {
        ts += 5_000;
        CounterMap sample = new CounterMap(counters.size());
        long v = ts / 1_000;
        for (String name : counters.keySet()) {
            sample.add(name, v);
        }
        return tracker.update("b0", ts, sample);
    }

    @Benchmark
    public BiasOutcome biasUpdate256Experts() {
        return controller.apply(bias, ++step, loads, null, null);
    }

    @Benchmark
    public List<SpikeFinding> spikeDetectorStep() {
        step++;
        return detector.observe(spikes, "job", step, T0 + step * 1_000, 2.0 + (step % 7) * 0.01, 1.0);
    }

    @Benchmark
    public byte[] avroEncodeNic() throws DecodeException {
        return AvroCodec.encode(AvroCodec.decode(avroNic));
    }

    @Benchmark
    public SpecificRecord avroDecodeNic() throws DecodeException {
        return AvroCodec.decode(avroNic);
    }

    /** NIC samples as a collector publishes them: eight ports of one node, then the next node's. */
    @Benchmark
    public SpecificRecord avroDecodeNicPorts() throws DecodeException {
        return AvroCodec.decode(nicPorts[next++ & 15]);
    }

    /** GPU samples as a collector publishes them: eight GPUs of one node, then the next node's. */
    @Benchmark
    public SpecificRecord avroDecodeGpuBoards() throws DecodeException {
        return AvroCodec.decode(gpuBoards[next++ & 15]);
    }

    @Benchmark
    public SpecificRecord avroDecodeGpu() throws DecodeException {
        return AvroCodec.decode(avroGpu);
    }

    /** The same body through the class's generated decoder, which decoded GPU samples before {@code FlatBody}. */
    @Benchmark
    public GpuSample avroDecodeGpuGenerated() throws IOException {
        return generatedGpu.read(gpuBody, 0, gpuBody.length);
    }

    @Benchmark
    public SpecificRecord jsonDecodeGpu() throws DecodeException {
        return JsonCodec.fromJson(jsonGpu);
    }
}
