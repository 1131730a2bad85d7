package io.ballast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: help everywhere, one-line errors with a non-zero exit, a working replay. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Ballast.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "replay", "simulate", "collect", "job", "topics"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: ballast " + command);
    }

    @Test
    void simulateHelpListsTheFaultNames() {
        Run r = run("simulate", "--help");
        for (io.ballast.sim.FaultKind k : io.ballast.sim.FaultKind.values()) {
            assertThat(r.out().replaceAll("\\s+", " ")).contains(k.slug());
        }
    }

    @Test
    void aMissingTraceIsOneLineAndExitTwo() {
        Run r = run("replay", "--input", dir.resolve("nope.jsonl").toString(), "--output", dir.resolve("out.jsonl").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cannot read trace").contains("nope.jsonl");
    }

    @Test
    void aMissingRequiredOptionNamesItAndPointsToHelp() {
        Run r = run("collect", "nic");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--kafka").contains("--help");
    }

    @Test
    void anUnknownSettingIsRefused() {
        Run r = run("replay", "--input", "x", "--output", "y", "--set", "ballast.no.such=1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("ballast replay: unknown setting 'ballast.no.such'");
    }

    @Test
    void aBadDurationIsOneLine() {
        Run r = run("simulate", "--output", dir.resolve("t.jsonl").toString(), "--duration", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("soon");
    }

    @Test
    void anUnknownFaultKindIsOneLine() {
        Run r = run("simulate", "--output", dir.resolve("t.jsonl").toString(), "--faults", "meteor");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown fault 'meteor'");
    }

    @Test
    void aSimulatedXid79TraceReplaysIntoADrainOfThatNode() throws Exception {
        Path trace = dir.resolve("xid79.jsonl.gz");
        Run sim = run("simulate", "--output", trace.toString(), "--duration", "2m", "--faults", "xid79");
        assertThat(sim.exit()).isZero();
        assertThat(sim.err()).contains("f1-xid79").contains("DRAIN gpu-node-010");

        Path actions = dir.resolve("actions.jsonl");
        Run replay = run("replay", "--input", trace.toString(), "--output", actions.toString());
        assertThat(replay.exit()).isZero();
        assertThat(replay.err().strip()).startsWith("replay: ").contains("drain=1").endsWith("0 dead letters");
        assertThat(Files.readAllLines(actions)).filteredOn(l -> l.startsWith("{\"type\":\"drain\""))
                .singleElement().asString().contains("\"node\":\"gpu-node-010\"");
        assertThat(dir.resolve("actions.deadletters.jsonl")).isEmptyFile();
    }
}
