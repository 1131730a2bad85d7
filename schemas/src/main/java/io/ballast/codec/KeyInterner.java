package io.ballast.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings decoded from bytes that repeat from record to record (map keys such as counter names): the same bytes give
 * back the same {@code String}, whose hash is then computed once. Remembers at most {@code max} distinct keys and
 * decodes the rest as usual. Keys tend to come in the same order in every record (a collector writes its counters in a
 * fixed order), so each remembered key also remembers the key that followed it last time, and that guess is compared
 * before any hashing. Not thread-safe.
 */
final class KeyInterner {
    private static final int NONE = -1;

    private final byte[][] keys;
    private final String[] values;
    /** The slot of the key that came after each slot's key last time; the last entry is for a record's first key. */
    private final int[] next;
    /** Per slot, the record ({@link #restart()} count) its key last came in: tells a first occurrence from a repeat. */
    private final long[] seenIn;
    private final int mask;
    private final int max;
    private int size;
    private int previous;
    private long record;
    private boolean firstInRecord;

    KeyInterner(int max) {
        int slots = Integer.highestOneBit(Math.max(2, max) * 2) << 1; // load at most 1/2: a probe always ends at a free slot
        this.keys = new byte[slots][];
        this.values = new String[slots];
        this.next = new int[slots + 1];
        Arrays.fill(next, NONE);
        this.seenIn = new long[slots];
        this.mask = slots - 1;
        this.max = max;
        restart();
    }

    /** Starts a new sequence of keys (a new record): the next key is guessed to be the last record's first. */
    void restart() {
        previous = next.length - 1;
        record++;
    }

    /**
     * Whether the key {@link #intern} returned last is remembered and came for the first time since {@link #restart()}:
     * then it differs from every key before it in the record, and a map can append it without a search.
     */
    boolean firstInRecord() {
        return firstInRecord;
    }

    /** The string of {@code bytes[0, length)} as UTF-8. */
    String intern(byte[] bytes, int length) {
        int guess = previous == NONE ? NONE : next[previous];
        if (guess != NONE && matches(guess, bytes, length)) {
            previous = guess;
            return seen(guess);
        }
        int h = 0x811C_9DC5;
        for (int i = 0; i < length; i++) {
            h = (h ^ bytes[i]) * 0x0100_0193;
        }
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            if (keys[slot] == null) {
                String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
                if (size == max) {
                    previous = NONE; // an unremembered key: no guess for the one after it
                    firstInRecord = false; // nothing to tell a repeat by
                    return s;
                }
                s = s.intern(); // the very instance of a literal with these chars, e.g. a well-known counter's name
                keys[slot] = Arrays.copyOf(bytes, length);
                values[slot] = s;
                size++;
                return follow(slot);
            }
            if (matches(slot, bytes, length)) {
                return follow(slot);
            }
        }
    }

    private boolean matches(int slot, byte[] bytes, int length) {
        byte[] key = keys[slot];
        return key.length == length && Arrays.equals(key, 0, length, bytes, 0, length);
    }

    private String follow(int slot) {
        if (previous != NONE) {
            next[previous] = slot;
        }
        previous = slot;
        return seen(slot);
    }

    private String seen(int slot) {
        firstInRecord = seenIn[slot] != record;
        seenIn[slot] = record;
        return values[slot];
    }
}
