package io.ballast.jobs.replay;

import io.ballast.codec.JsonCodec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Replays JSON lines written under a test's directory and reads back the actions, as a replay user would. */
final class ReplayActions {
    private ReplayActions() {}

    static List<SpecificRecord> of(Path dir, List<String> lines) throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Files.write(trace, lines);
        return of(dir, trace);
    }

    /** Replays {@code trace}, actions to {@code dir/actions.jsonl}, dead letters beside them. */
    static List<SpecificRecord> of(Path dir, Path trace) throws Exception {
        Path out = dir.resolve("actions.jsonl");
        Replay.run(trace, out, dir.resolve("dead.jsonl"), new Configuration());
        List<SpecificRecord> actions = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            actions.add(JsonCodec.fromJson(line));
        }
        return actions;
    }
}
