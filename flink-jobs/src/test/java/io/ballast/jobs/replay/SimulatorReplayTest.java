package io.ballast.jobs.replay;

import io.ballast.jobs.config.BallastOptions;

import io.ballast.codec.JsonCodec;
import io.ballast.events.Drain;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultOutcome;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.JsonLinesTraceWriter;
import io.ballast.sim.OutcomeMatcher;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulator traces holding one fault type each, replayed through the whole pipeline: exactly the expected actions. */
class SimulatorReplayTest {
    static final SimConfig CONFIG = SimConfig.defaults().withDuration(Duration.ofMinutes(3));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultKind.class)
    void eachFaultTypeGetsExactlyTheExpectedAnswer(FaultKind kind) throws Exception {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.defaults().only(kind));
        List<SpecificRecord> actions = replay(sim);

        List<FaultOutcome> outcomes = OutcomeMatcher.match(sim.faults(), actions);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).problems()).as("%s: %s", kind, outcomes.get(0)).isEmpty();
        // No drain beyond what the fault calls for: a clean fleet around it stays in service.
        List<String> expectedDrains = sim.faults().get(0).expectations().stream()
                .filter(e -> e.kind() == io.ballast.sim.Expectation.Kind.DRAIN).map(io.ballast.sim.Expectation::node).toList();
        assertThat(actions.stream().filter(a -> a instanceof Drain).map(a -> ((Drain) a).getNode()).distinct())
                .containsExactlyInAnyOrderElementsOf(expectedDrains);
        // One rollback per incident: the loss stays high in the trace (nobody applies the rollback), and that is no storm.
        long expectedRollbacks = sim.faults().get(0).expectations().stream()
                .filter(e -> e.kind() == io.ballast.sim.Expectation.Kind.ROLLBACK).count();
        assertThat(actions.stream().filter(a -> a instanceof io.ballast.events.Rollback)).hasSize((int) expectedRollbacks);
    }

    @Test
    void aCleanRunDrainsNothingAndRollsNothingBack() throws Exception {
        List<SpecificRecord> actions = replay(new FleetSimulator(CONFIG, FaultScript.none()));
        assertThat(actions).noneMatch(a -> a instanceof Drain || a instanceof io.ballast.events.Rollback);
    }

    @Test
    void theWholeFaultTimelineReplaysToTheSameBytesEveryTime() throws Exception {
        // Xids and GPU samples, NIC ports and host evidence, losses and hardware evidence each meet from separate
        // streams whose interleaving differs run to run; decisions must not depend on it.
        Path trace = write(new FleetSimulator(CONFIG, FaultScript.defaults()));
        List<byte[]> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("actions-" + i + ".jsonl");
            Replay.run(trace, out, dir.resolve("dead-" + i + ".jsonl"), new Configuration());
            runs.add(Files.readAllBytes(out));
        }
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs).allSatisfy(r -> assertThat(r).isEqualTo(runs.get(0)));
    }

    @Test
    void theHardwareOperatorOnFourSubtasksDecidesTheSameAsOnOne() throws Exception {
        // Keyed by node, a node's samples and decisions stay on one subtask: spreading the nodes changes no decision.
        Path trace = write(new FleetSimulator(CONFIG, FaultScript.defaults()));
        Configuration four = new Configuration();
        four.set(BallastOptions.HARDWARE_PARALLELISM, 4);
        Path one = dir.resolve("actions-one.jsonl");
        Path spread = dir.resolve("actions-four.jsonl");
        Replay.run(trace, one, dir.resolve("dead-one.jsonl"), new Configuration());
        Replay.run(trace, spread, dir.resolve("dead-four.jsonl"), four);
        assertThat(Files.readAllBytes(one)).isNotEmpty();
        assertThat(Files.readAllBytes(spread)).isEqualTo(Files.readAllBytes(one));
    }

    private Path write(FleetSimulator sim) throws Exception {
        Path trace = dir.resolve("trace.jsonl.gz");
        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(trace)) {
            for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
                writer.write(it.next());
            }
        }
        return trace;
    }

    private List<SpecificRecord> replay(FleetSimulator sim) throws Exception {
        Path trace = write(sim);
        Path out = dir.resolve("actions.jsonl");
        ReplaySummary summary = Replay.run(trace, out, dir.resolve("dead.jsonl"), new Configuration());
        assertThat(summary.deadLetters()).isZero();
        List<SpecificRecord> actions = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            actions.add(JsonCodec.fromJson(line));
        }
        return actions;
    }
}
