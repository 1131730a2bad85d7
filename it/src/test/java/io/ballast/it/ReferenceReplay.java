package io.ballast.it;

import io.ballast.codec.JsonCodec;
import io.ballast.jobs.replay.Replay;
import io.ballast.sim.JsonLinesTraceWriter;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fault-free reference: the actions {@link Replay} takes on the same trace, written under a work directory. */
final class ReferenceReplay {
    private ReferenceReplay() {}

    static List<SpecificRecord> actions(List<SpecificRecord> trace, Path work) {
        try {
            Path file = work.resolve("trace.jsonl");
            try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(file)) {
                for (SpecificRecord r : trace) {
                    writer.write(r);
                }
            }
            Path out = work.resolve("replay-actions.jsonl");
            Replay.run(file, out, work.resolve("replay-dead.jsonl"), new Configuration());
            List<SpecificRecord> actions = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                actions.add(JsonCodec.fromJson(line));
            }
            return actions;
        } catch (Exception e) {
            throw new IllegalStateException("the reference replay failed", e);
        }
    }
}
