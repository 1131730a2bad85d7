package io.ballast.jobs.replay;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayDeadLetterTest {
    @TempDir
    Path dir;

    @Test
    void badLinesGoToTheDeadLetterFileWithReasonAndLineAndTheRunCompletes() throws Exception {
        Path trace = dir.resolve("bad.jsonl");
        byte[] invalidUtf8 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Files.write(trace, String.join("\n",
                "{\"type\":\"xid\",\"ts\":1795486326000,\"node\":\"n1\",\"xid\":13,\"message\":\"Graphics Exception\"}",
                "{not json",
                "{\"type\":\"warp_drive\",\"ts\":1795486326000}",
                "{\"type\":\"xid\",\"ts\":1795486326000,\"xid\":79,\"message\":\"fallen off the bus\"}",
                "{\"type\":\"gpu_sample\",\"ts\":1795486326000,\"node\":\"n1\",\"gpu\":\"zero\"}",
                "").getBytes(StandardCharsets.UTF_8));
        Files.write(trace, invalidUtf8, java.nio.file.StandardOpenOption.APPEND);

        Path out = dir.resolve("actions.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        ReplaySummary summary = Replay.run(trace, out, dead, new Configuration());

        List<String> deadLines = Files.readAllLines(dead);
        assertThat(summary.recordsIn()).isEqualTo(6);
        assertThat(summary.deadLetters()).isEqualTo(5);
        assertThat(deadLines).hasSize(5);
        assertThat(deadLines.get(0)).contains("\"source\":\"bad.jsonl:2\"").contains("malformed JSON");
        assertThat(deadLines.get(1)).contains("bad.jsonl:3").contains("unknown type 'warp_drive'");
        assertThat(deadLines.get(2)).contains("bad.jsonl:4").contains("missing required field 'node'");
        assertThat(deadLines.get(3)).contains("bad.jsonl:5").contains("field 'gpu': expected int");
        assertThat(deadLines.get(4)).contains("bad.jsonl:6").contains("invalid UTF-8").contains("\"payload_encoding\":\"base64\"");
    }
}
