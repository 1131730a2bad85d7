package io.ballast.jobs.backtest;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.hardware.HardwareRules;
import io.ballast.jobs.replay.Replay;
import io.ballast.rules.engine.RuleSet;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Replays one trace under two rule sets and diffs the actions: how a threshold change is tried before shipping. */
public final class Backtest {
    private Backtest() {}

    /**
     * Both rule sets are compiled first, so a broken one fails fast with its one-line compiler message.
     *
     * @param work a directory for the two replays' outputs
     */
    public static List<ActionDiff.Change> diff(Path trace, Path rulesA, Path rulesB, Configuration settings, Path work) throws Exception {
        HardwareRules.compile(RuleSet.fromDirectory(rulesA));
        HardwareRules.compile(RuleSet.fromDirectory(rulesB));
        List<String> a = replay(trace, rulesA, settings, work.resolve("a"));
        List<String> b = replay(trace, rulesB, settings, work.resolve("b"));
        return ActionDiff.between(a, b);
    }

    private static List<String> replay(Path trace, Path rules, Configuration settings, Path dir) throws Exception {
        Configuration conf = new Configuration(settings);
        conf.set(BallastOptions.RULES_DIR, rules.toAbsolutePath().toString());
        Files.createDirectories(dir);
        Path out = dir.resolve("actions.jsonl");
        Replay.run(trace, out, dir.resolve("deadletters.jsonl"), conf);
        return Files.readAllLines(out);
    }
}
