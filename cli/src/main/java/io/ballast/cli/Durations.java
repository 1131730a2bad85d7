package io.ballast.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations: {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms}, or ISO-8601 ({@code PT2M}). */
final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** The short form back: 90s, 2m, 1h. */
    static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    static Duration parse(String text) {
        Matcher m = SIMPLE.matcher(text.trim().toLowerCase());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(text.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 90s, 2m, 1h)");
        }
    }
}
