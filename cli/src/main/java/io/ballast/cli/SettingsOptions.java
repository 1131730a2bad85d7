package io.ballast.cli;

import io.ballast.jobs.live.JobArgs;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pipeline settings every job-running command accepts: {@code --config FILE} and {@code --set key=value}. */
final class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of ballast.* settings (see docs/operations.md).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One ballast.* setting; repeatable.")
    List<String> settings = new ArrayList<>();

    Configuration toConfiguration() throws IOException {
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.add("--config");
            args.add(config.toString());
        }
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return JobArgs.parse(args.toArray(String[]::new));
    }
}
