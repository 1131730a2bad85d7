package io.ballast.collectors.gpu;

import java.util.Locale;

/**
 * Reads one nvidia-smi value ({@code 113.62 W}, {@code 0 %}, {@code Enabled}, {@code 0x...01}). Anything
 * nvidia-smi prints instead of a reading ({@code [N/A]}, {@code [Not Supported]}, {@code N/A}, ...) is
 * null, never 0: a missing counter must not look like a healthy one.
 */
final class NvidiaSmiValues {
    private NvidiaSmiValues() {}

    static boolean isMissing(String raw) {
        if (raw == null) {
            return true;
        }
        String value = raw.trim();
        return value.isEmpty()
                || (value.startsWith("[") && value.endsWith("]"))
                || value.equalsIgnoreCase("N/A")
                || value.equalsIgnoreCase("Not Supported")
                || value.equalsIgnoreCase("Unknown Error")
                || value.equalsIgnoreCase("None");
    }

    /** The leading number of a reading, without its unit. */
    static Double number(String raw) {
        if (isMissing(raw)) {
            return null;
        }
        String token = firstToken(raw);
        try {
            return Double.valueOf(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + raw.trim() + "'");
        }
    }

    /** A count, in decimal or as a {@code 0x} hex bitmask. */
    static Long count(String raw) {
        if (isMissing(raw)) {
            return null;
        }
        String token = firstToken(raw);
        try {
            if (token.startsWith("0x") || token.startsWith("0X")) {
                return Long.parseUnsignedLong(token.substring(2), 16);
            }
            return Long.valueOf(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + raw.trim() + "'");
        }
    }

    static Integer integer(String raw) {
        Long value = count(raw);
        return value == null ? null : Math.toIntExact(value);
    }

    static Boolean flag(String raw) {
        if (isMissing(raw)) {
            return null;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "enabled", "active", "true":
                return true;
            case "no", "disabled", "not active", "false":
                return false;
            default:
                throw new IllegalArgumentException("not a yes/no value: '" + raw.trim() + "'");
        }
    }

    static String text(String raw) {
        return isMissing(raw) ? null : raw.trim();
    }

    private static String firstToken(String raw) {
        String value = raw.trim();
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }
}
