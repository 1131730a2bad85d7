package io.ballast.collectors.gpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the kernel log is read from: the output of a command ({@code journalctl -k -f}), the
 * {@code /dev/kmsg} device, a plain file followed like {@code tail -F}, or nowhere.
 */
public record KernelLogSource(Kind kind, List<String> command, Path file) {
    public enum Kind { COMMAND, KMSG, FILE, NONE }

    /** New lines only ({@code -n 0}): history was published by an earlier run, or is not ours to replay. */
    public static final List<String> JOURNALCTL = List.of("journalctl", "-k", "-f", "-o", "short-iso", "-n", "0");

    public KernelLogSource {
        Objects.requireNonNull(kind, "kind");
        command = command == null ? List.of() : List.copyOf(command);
        if (kind == Kind.COMMAND && command.isEmpty()) {
            throw new IllegalArgumentException("a command kernel log source needs a command");
        }
        if ((kind == Kind.FILE || kind == Kind.KMSG) && file == null) {
            throw new IllegalArgumentException("a " + kind + " kernel log source needs a path");
        }
    }

    public static KernelLogSource journalctl() {
        return command(JOURNALCTL);
    }

    public static KernelLogSource command(List<String> command) {
        return new KernelLogSource(Kind.COMMAND, command, null);
    }

    public static KernelLogSource kmsg() {
        return new KernelLogSource(Kind.KMSG, List.of(), Path.of("/dev/kmsg"));
    }

    public static KernelLogSource file(Path file) {
        return new KernelLogSource(Kind.FILE, List.of(), file);
    }

    public static KernelLogSource none() {
        return new KernelLogSource(Kind.NONE, List.of(), null);
    }

    /** {@code journalctl}, {@code kmsg}, {@code none}, or a file path: how the CLI names a source. */
    public static KernelLogSource parse(String spec) {
        return switch (spec) {
            case "journalctl" -> journalctl();
            case "kmsg", "/dev/kmsg" -> kmsg();
            case "none" -> none();
            default -> file(Path.of(spec));
        };
    }
}
