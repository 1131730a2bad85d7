package io.ballast.sim;

import io.ballast.codec.JsonCodec;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTraceWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"trace.jsonl", "trace.jsonl.gz"})
    void writtenTraceReadsBackWithJsonCodec(String name) throws Exception {
        SimConfig config = SimConfig.defaults();
        List<SpecificRecord> expected = SimRuns.all(config, FaultScript.defaults());
        Path file = dir.resolve(name);

        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(file)) {
            assertThat(writer.writeAll(new FleetSimulator(config, FaultScript.defaults()).records())).isEqualTo(expected.size());
        }

        List<SpecificRecord> read = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                read.add(JsonCodec.fromJson(line));
            }
        }
        assertThat(read).hasSize(expected.size());
        for (int i = 0; i < read.size(); i++) {
            assertThat(JsonCodec.toJson(read.get(i))).isEqualTo(JsonCodec.toJson(expected.get(i)));
        }
    }
}
