package io.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command line: demo, replay, simulate, collect, job and topic administration. */
@Command(name = "ballast",
        mixinStandardHelpOptions = true,
        version = "ballast 0.1.0",
        description = "Streaming reliability for large GPU training clusters.",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimulateCommand.class, CollectCommand.class, JobCommand.class, TopicsCommand.class,
                RulesCommand.class, DiffCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Ballast {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code: 0 ok, 1 failed, 2 usage error. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Ballast());
        cli.registerConverter(java.time.Duration.class, Durations::parse);
        cli.setParameterExceptionHandler(Errors::onUsageError);
        cli.setExecutionExceptionHandler(Errors::onFailure);
        return cli;
    }
}
