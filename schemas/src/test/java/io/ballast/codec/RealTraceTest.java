package io.ballast.codec;

import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace captured from a real MoE training run on an H100 decodes line by line and writes back unchanged. */
class RealTraceTest {
    private static final String TRACE = "/traces/tiny-moe-h100-aux.jsonl.gz";

    @Test
    void everyLineDecodesAndReEncodesToTheSameObject() throws Exception {
        Map<EventType, Integer> seen = new EnumMap<>(EventType.class);
        int lineNo = 0;
        try (InputStream in = RealTraceTest.class.getResourceAsStream(TRACE)) {
            assertThat(in).as(TRACE).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                SpecificRecord record;
                try {
                    record = JsonCodec.fromJson(line);
                } catch (DecodeException e) {
                    throw new AssertionError("line " + lineNo + ": " + e.getMessage(), e);
                }
                SpecificRecord viaAvro = AvroCodec.decode(AvroCodec.encode(record));
                assertThat(JsonCodecTest.tree(JsonCodec.toJson(viaAvro))).as("line %d", lineNo).isEqualTo(JsonCodecTest.tree(line));
                seen.merge(EventType.of(record), 1, Integer::sum);
            }
        }
        assertThat(lineNo).isEqualTo(3140);
        assertThat(seen).containsKeys(EventType.GPU_SAMPLE, EventType.EXPERT_LOAD, EventType.TRAIN_STEP,
                EventType.CHECKPOINT, EventType.JOB_TOPOLOGY);
    }
}
