package io.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

/** Turns every failure into one line on stderr and an exit code; stack traces only with BALLAST_DEBUG=1. */
final class Errors {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Errors() {}

    static int onUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("ballast: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    static int onFailure(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        err.println("ballast " + cli.getCommandName() + ": " + describe(e));
        if ("1".equals(System.getenv("BALLAST_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof IllegalArgumentException ? USAGE : FAILED;
    }

    /** The innermost meaningful message, without exception class noise where the message says it all. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t.getClass().getName().startsWith("org.apache.flink.runtime"))) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "no such file: " + t.getMessage();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
