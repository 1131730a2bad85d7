package io.ballast.jobs.reliability;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.JsonCodec;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bad-input corpus of issue 9, built from real-looking records of a trace: each entry breaks one thing.
 * JSON entries are what replay reads; Avro entries are what Kafka carries (a JSON payload on Kafka is itself bad input).
 */
public final class BadInputCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2150-01-01 and 1990-01-01: outside the contract's 2000..2100 window. */
    static final long YEAR_2150 = 5_680_281_600_000L;
    static final long YEAR_1990 = 631_152_000_000L;
    static final int MILLION = 1_000_000;

    private BadInputCorpus() {}

    /**
     * JSON Lines entries, built around good records of the trace at {@code now}: {@code gpu}, {@code nic},
     * {@code load} and {@code xid} (an application Xid, which must not drain).
     */
    public static List<BadInput> jsonLines(GpuSample gpu, NicCounters nic, ExpertLoad load, Xid xid, long now) {
        List<BadInput> corpus = new ArrayList<>();
        corpus.add(json("wrong type: gpu is a string", mutate(gpu, o -> o.put("gpu", "zero")), "field 'gpu': expected int"));
        corpus.add(json("wrong type: counters is an array", mutate(nic, o -> o.putArray("counters").add(1)), "field 'counters': expected object"));
        corpus.add(json("NaN where a count belongs", JsonCodec.toJson(load).replaceFirst("\"counts\":\\[[0-9]+", "\"counts\":[NaN"), "field 'counts[0]': expected long"));
        corpus.add(json("negative counter", mutate(nic, o -> ((ObjectNode) o.get("counters")).put("port_rcv_errors", -5)), "cumulative counter must be >= 0"));
        corpus.add(json("a million experts", mutate(load, o -> {
            ArrayNode counts = o.putArray("counts");
            for (int i = 0; i < MILLION; i++) {
                counts.add(1);
            }
        }), "needs 1..65536 experts, got 1000000"));
        corpus.add(json("timestamp in 2150", mutate(gpu, o -> o.put("ts", YEAR_2150)), "is not epoch milliseconds between 2000 and 2100"));
        corpus.add(json("timestamp in 1990", mutate(gpu, o -> o.put("ts", YEAR_1990)), "is not epoch milliseconds between 2000 and 2100"));
        corpus.add(json("timestamp in seconds, not milliseconds", mutate(gpu, o -> o.put("ts", now / 1000)), "is not epoch milliseconds between 2000 and 2100"));
        corpus.add(json("unknown type", mutate(gpu, o -> o.put("type", "warp_drive")), "unknown type 'warp_drive'"));
        corpus.add(json("missing required field", mutate(xid, o -> o.remove("node")), "missing required field 'node'"));
        corpus.add(json("truncated line", JsonCodec.toJson(gpu).substring(0, 25), "malformed JSON"));
        corpus.add(json("10 MB of garbage", "{\"type\":\"gpu_sample\"," + "x".repeat(10 << 20), "malformed JSON"));
        corpus.add(new BadInput("invalid UTF-8", invalidUtf8(JsonCodec.toJson(xid)), true, "invalid UTF-8"));
        corpus.add(json("empty object", "{}", "missing required field 'type'"));
        // Handled, not dead-lettered: legal input the pipeline must absorb.
        corpus.add(json("10 MB line: an application Xid with a 10 MB message", mutate(xid, o -> o.put("message", "m".repeat(10 << 20))), null));
        corpus.add(json("duplicate record", JsonCodec.toJson(gpu), null));
        corpus.add(json("record minutes out of order", mutate(gpu, o -> o.put("ts", now - Duration.ofMinutes(3).toMillis())), null));
        corpus.add(json("unknown extra field", mutate(gpu, o -> o.put("flux_capacitor", 1.21)), null));
        return corpus;
    }

    /** Avro single-object messages as Kafka carries them, plus the JSON entries' bytes, which are not Avro. */
    public static List<BadInput> kafkaPayloads(GpuSample gpu, NicCounters nic, ExpertLoad load, Xid xid, long now) {
        List<BadInput> corpus = new ArrayList<>();
        byte[] good = AvroCodec.encode(gpu);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        corpus.add(new BadInput("truncated Avro", truncated, false, "bad Avro body for gpu_sample"));
        byte[] wrongFingerprint = good.clone();
        wrongFingerprint[5] ^= 0x5A;
        corpus.add(new BadInput("wrong fingerprint", wrongFingerprint, false, "unknown schema fingerprint"));
        corpus.add(new BadInput("empty message", new byte[0], false, "not Avro single-object encoding: 0 bytes"));
        corpus.add(new BadInput("JSON on an Avro topic", JsonCodec.toJson(gpu).getBytes(StandardCharsets.UTF_8), false,
                "not Avro single-object encoding: header 7B 22"));
        NicCounters negative = NicCounters.newBuilder(nic).setCounters(new LinkedHashMap<>(Map.of("port_rcv_errors", -5L))).build();
        corpus.add(new BadInput("negative counter (Avro)", AvroCodec.encode(negative), false, "cumulative counter must be >= 0"));
        ExpertLoad huge = ExpertLoad.newBuilder(load).setCounts(new ArrayList<>(Collections.nCopies(MILLION, 1L))).build();
        corpus.add(new BadInput("a million experts (Avro)", AvroCodec.encode(huge), false, "needs 1..65536 experts, got 1000000"));
        corpus.add(new BadInput("timestamp in 2150 (Avro)", AvroCodec.encode(GpuSample.newBuilder(gpu).setTs(YEAR_2150).build()), false,
                "is not epoch milliseconds between 2000 and 2100"));
        corpus.add(new BadInput("timestamp in 1990 (Avro)", AvroCodec.encode(GpuSample.newBuilder(gpu).setTs(YEAR_1990).build()), false,
                "is not epoch milliseconds between 2000 and 2100"));
        // Inside the contract's years, but a collector clock three years fast would drag every watermark along.
        long threeYearsAhead = System.currentTimeMillis() + Duration.ofDays(3 * 365).toMillis();
        corpus.add(new BadInput("timestamp three years ahead of the clock (Avro)",
                AvroCodec.encode(GpuSample.newBuilder(gpu).setTs(threeYearsAhead).build()), false, "ahead of this job's clock"));
        corpus.add(new BadInput("NaN power reading (Avro has no NaN long; a NaN double is legal)",
                AvroCodec.encode(GpuSample.newBuilder(gpu).setPowerW(Double.NaN).build()), false, null));
        corpus.add(new BadInput("duplicate record (Avro)", good, false, null));
        corpus.add(new BadInput("record minutes out of order (Avro)",
                AvroCodec.encode(GpuSample.newBuilder(gpu).setTs(now - Duration.ofMinutes(3).toMillis()).build()), false, null));
        return corpus;
    }

    private static BadInput json(String name, String line, String reason) {
        return new BadInput(name, line.getBytes(StandardCharsets.UTF_8), true, reason);
    }

    private static String mutate(org.apache.avro.specific.SpecificRecord record, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(JsonCodec.toJson(record));
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line with its first string value's opening byte pair replaced by C3 28 (a lead byte without its continuation). */
    private static byte[] invalidUtf8(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int at = line.indexOf("\"node\":\"") + "\"node\":\"".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(0xC3);
        out.write(0x28);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }
}
