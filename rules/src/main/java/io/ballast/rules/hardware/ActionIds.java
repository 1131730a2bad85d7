package io.ballast.rules.hardware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic action ids: the same parts, replayed, give the same id (first 16 hex of SHA-256). */
public final class ActionIds {
    // A separator that cannot appear in node or switch names, so ("a|b","c") and ("a","b|c") differ.
    private static final char SEPARATOR = '\u001f';

    private ActionIds() {}

    public static String of(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(parts[i] == null ? "" : parts[i]);
        }
        return sha256Hex(joined.toString()).substring(0, 16);
    }

    /** Full lowercase hex SHA-256 of a UTF-8 string. */
    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
