package io.ballast.cli;

import io.ballast.jobs.backtest.ActionDiff;
import io.ballast.jobs.backtest.Backtest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Backtests a rule change: the same trace replayed under two rule sets, and the actions that differ. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Replay TRACE under rule sets A and B and list the actions that were added, removed or changed",
                "(matched by type and subject; rule-set versions and ids ignored). One line per difference."})
final class DiffCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "TRACE", description = "JSON Lines trace (.jsonl or .jsonl.gz).")
    Path input;

    @Option(names = "--rules-a", required = true, paramLabel = "DIR", description = "The rule set now in use.")
    Path rulesA;

    @Option(names = "--rules-b", required = true, paramLabel = "DIR", description = "The candidate rule set.")
    Path rulesB;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the differences here instead of stdout.")
    Path output;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("ballast-diff");
        List<ActionDiff.Change> changes = Backtest.diff(input, rulesA, rulesB, settings.toConfiguration(), work);
        if (output == null) {
            changes.forEach(c -> System.out.println(c.oneLine()));
        } else {
            try (PrintStream out = new PrintStream(Files.newOutputStream(output), true, StandardCharsets.UTF_8)) {
                changes.forEach(c -> out.println(c.oneLine()));
            }
        }
        System.err.println(changes.size() + " differences (" + count(changes, ActionDiff.Change.Kind.ADDED) + " added, "
                + count(changes, ActionDiff.Change.Kind.REMOVED) + " removed, " + count(changes, ActionDiff.Change.Kind.CHANGED) + " changed)");
        return 0;
    }

    private static long count(List<ActionDiff.Change> changes, ActionDiff.Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
