package io.ballast.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings decoded from bytes that repeat from record to record (map keys such as counter names): the same bytes give
 * back the same {@code String}, whose hash is then computed once. Remembers at most {@code max} distinct keys and
 * decodes the rest as usual. Not thread-safe.
 */
final class KeyInterner {
    private final byte[][] keys;
    private final String[] values;
    private final int mask;
    private final int max;
    private int size;

    KeyInterner(int max) {
        int slots = Integer.highestOneBit(Math.max(2, max) * 2) << 1; // load at most 1/2: a probe always ends at a free slot
        this.keys = new byte[slots][];
        this.values = new String[slots];
        this.mask = slots - 1;
        this.max = max;
    }

    /** The string of {@code bytes[0, length)} as UTF-8. */
    String intern(byte[] bytes, int length) {
        int h = 0x811C_9DC5;
        for (int i = 0; i < length; i++) {
            h = (h ^ bytes[i]) * 0x0100_0193;
        }
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
                if (size < max) {
                    s = s.intern(); // the very instance of a literal with these chars, e.g. a well-known counter's name
                    keys[slot] = Arrays.copyOf(bytes, length);
                    values[slot] = s;
                    size++;
                }
                return s;
            }
            if (key.length == length && Arrays.equals(key, 0, length, bytes, 0, length)) {
                return values[slot];
            }
        }
    }
}
