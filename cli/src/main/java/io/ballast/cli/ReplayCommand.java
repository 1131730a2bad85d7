package io.ballast.cli;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.replay.Replay;
import io.ballast.jobs.replay.ReplaySummary;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs the pipeline over a JSON Lines trace, deterministically, and writes the actions it takes. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run the same Flink jobs over a JSONL trace (.gz ok): actions out as JSON Lines,",
                "dead letters to a side file, a one-line summary on stderr. Same input, same bytes out."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "TRACE", description = "JSON Lines trace (.jsonl or .jsonl.gz).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the actions (JSON Lines).")
    Path output;

    @Option(names = "--dead-letters", paramLabel = "FILE", description = "Where to write dead letters (default: OUTPUT with .deadletters.jsonl).")
    Path deadLetters;

    @Option(names = "--rules", paramLabel = "DIR", description = "Run with the .drl rule set in DIR instead of the built-in one.")
    Path rules;

    @Option(names = "--influx", paramLabel = "URL", description = "Also write metrics, actions and alerts to this InfluxDB (backfills the dashboards).")
    String influx;

    @Mixin
    SettingsOptions settings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Configuration conf = settings.toConfiguration();
        if (rules != null) {
            conf.set(BallastOptions.RULES_DIR, rules.toAbsolutePath().toString());
        }
        if (influx != null) {
            conf.set(BallastOptions.INFLUX_URL, influx);
        }
        Path dead = deadLetters != null ? deadLetters : defaultDeadLetters(output);
        ReplaySummary summary = Replay.run(input, output, dead, conf);
        spec.commandLine().getErr().println(summary.oneLine());
        return 0;
    }

    static Path defaultDeadLetters(Path output) {
        String name = output.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return output.resolveSibling(name + ".deadletters.jsonl");
    }
}
