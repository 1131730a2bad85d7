package io.ballast.rules.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The secret rule sets are signed with: from env {@value #ENV} or a key file, never from the command line.
 * {@link #toString()} never shows it, so it cannot leak into a log line.
 */
public final class RulesKey {
    /** Environment variable holding the key (UTF-8 text; surrounding whitespace ignored). */
    public static final String ENV = "BALLAST_RULES_KEY";
    // Shorter keys are guessable; HMAC-SHA256 wants at least its output size in entropy, 16 bytes is a floor.
    private static final int MIN_BYTES = 16;

    private final byte[] bytes;

    private RulesKey(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("rules key is too short: " + bytes.length + " bytes, need at least " + MIN_BYTES);
        }
        this.bytes = bytes;
    }

    /** A key from its text (tests and the key-file/env loaders). */
    public static RulesKey of(String text) {
        return new RulesKey(text.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The key file when given, else env {@value #ENV}; empty when neither is set. */
    public static Optional<RulesKey> resolve(String keyFile) {
        if (keyFile != null && !keyFile.isBlank()) {
            return Optional.of(fromFile(Path.of(keyFile)));
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(of(env));
    }

    /** Reads a key file; the message names the file, never its content. */
    public static RulesKey fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules key file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "RulesKey{***}";
    }
}
