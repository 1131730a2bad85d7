package io.ballast.jobs.reliability;

import io.ballast.codec.JsonCodec;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.replay.Replay;
import io.ballast.jobs.replay.ReplaySummary;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultOutcome;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.OutcomeMatcher;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus spliced into the middle of a simulator trace and replayed: each bad line is one dead letter
 * with its reason and line number, legal oddities are absorbed, and the Xid 79 that comes after them still drains.
 */
class BadInputReplayTest {
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofMinutes(2));

    @TempDir
    Path dir;

    @Test
    void everyBadLineIsOneDeadLetterAndLaterFaultsStillGetTheirActions() throws Exception {
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.of(FaultScript.ScriptedFault.after(FaultKind.XID_79, Duration.ofSeconds(80))));
        List<SpecificRecord> trace = Traces.all(sim.records());
        long spliceTs = SIM.startTs() + Duration.ofSeconds(40).toMillis();
        int splice = Traces.firstAtOrAfter(trace, spliceTs);
        List<SpecificRecord> before = trace.subList(0, splice);
        List<BadInput> corpus = BadInputCorpus.jsonLines(Traces.last(before, GpuSample.class), Traces.last(before, NicCounters.class),
                Traces.last(before, ExpertLoad.class), appXid(Traces.last(before, GpuSample.class)), spliceTs);

        Path file = dir.resolve("trace.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (SpecificRecord r : before) {
                out.write((JsonCodec.toJson(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (BadInput bad : corpus) {
                out.write(bad.payload());
                out.write('\n');
            }
            for (SpecificRecord r : trace.subList(splice, trace.size())) {
                out.write((JsonCodec.toJson(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        Path actionsFile = dir.resolve("actions.jsonl");
        Path deadFile = dir.resolve("dead.jsonl");
        ReplaySummary summary = Replay.run(file, actionsFile, deadFile, new Configuration());

        List<DeadLetter> dead = new ArrayList<>();
        for (String line : Files.readAllLines(deadFile)) {
            dead.add((DeadLetter) JsonCodec.fromJson(line));
        }
        List<BadInput> expectedDead = corpus.stream().filter(BadInput::deadLetter).toList();
        assertThat(dead).hasSameSizeAs(expectedDead);
        for (int i = 0; i < expectedDead.size(); i++) {
            BadInput bad = expectedDead.get(i);
            int line = splice + 1 + corpus.indexOf(bad);
            assertThat(dead.get(i).getSource()).as(bad.name()).isEqualTo("trace.jsonl:" + line);
            assertThat(dead.get(i).getReason()).as(bad.name()).contains(bad.reason());
            assertThat(dead.get(i).getPayload().length()).as("%s: dead letters keep at most 4 KiB of the payload", bad.name()).isLessThanOrEqualTo(8192);
        }
        assertThat(summary.recordsIn()).isEqualTo(trace.size() + corpus.size());

        List<SpecificRecord> actions = new ArrayList<>();
        for (String line : Files.readAllLines(actionsFile)) {
            actions.add(JsonCodec.fromJson(line));
        }
        List<FaultOutcome> outcomes = OutcomeMatcher.match(sim.faults(), actions);
        assertThat(outcomes.get(0).problems()).as("the Xid 79 after the corpus: %s", outcomes.get(0)).isEmpty();
        assertThat(actions.stream().filter(a -> a instanceof Drain).map(a -> ((Drain) a).getNode()))
                .as("one drain, for the Xid 79 node only: the duplicate, late and oversized records caused none")
                .containsExactlyElementsOf(drainNodes(sim));
        System.out.printf("bad-input replay: %d corpus entries, %d dead letters, %d absorbed, %d records in%n",
                corpus.size(), dead.size(), corpus.size() - expectedDead.size(), summary.recordsIn());
    }

    /** The nodes the simulator's faults call for draining. */
    static List<String> drainNodes(FleetSimulator sim) {
        return sim.faults().stream().flatMap(f -> f.expectations().stream())
                .filter(e -> e.kind() == io.ballast.sim.Expectation.Kind.DRAIN).map(io.ballast.sim.Expectation::node).toList();
    }

    /** An application Xid (13) on a healthy node: legal, never a drain. */
    private static Xid appXid(GpuSample on) {
        return Xid.newBuilder().setTs(on.getTs()).setCluster(on.getCluster()).setNode(on.getNode()).setGpu(on.getGpu())
                .setXid(13).setMessage("Graphics SM Warp Exception").build();
    }
}
