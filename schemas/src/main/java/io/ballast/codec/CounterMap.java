package io.ballast.codec;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Cumulative counters of a decoded sample, by name: names and values in arrays, a read-only {@link Map} to everyone
 * else. Decoders build one per record (a NIC sample has seventeen counters), so it spares the hash table, an entry and a
 * boxed {@code Long} per counter; readers that know it go through {@link #nameAt}/{@link #valueAt} without boxing.
 * A name added twice keeps the last value, as a map does. An entry may carry an id its producer knows for the name
 * (the job's well-known counter ids), so that a consumer need not look the name up again.
 */
public final class CounterMap extends AbstractMap<String, Long> {
    /** {@link #idAt} of an entry added without an id. */
    public static final int NO_ID = Integer.MIN_VALUE;

    private String[] names;
    /** The names' hashes, computed (and the array made) when first searched for: readers by index never need them. */
    private int[] hashes;
    private int hashed;
    private long[] values;
    /** Null until an entry comes with an id. */
    private int[] ids;
    private int size;

    public CounterMap(int capacity) {
        int n = Math.max(capacity, 1);
        names = new String[n];
        values = new long[n];
    }

    /** Sets {@code name} to {@code value}. */
    public void add(String name, long value) {
        int i = indexOf(name, name.hashCode());
        if (i >= 0) {
            values[i] = value;
            return;
        }
        append(name, NO_ID, value);
    }

    /**
     * Adds a name this map does not hold yet, without looking for it: for copying another map, whose names are
     * distinct already (a decoder of untrusted bytes uses {@link #add}).
     */
    public void addDistinct(String name, long value) {
        append(name, NO_ID, value);
    }

    /** Adds a name this map does not hold yet, as {@link #addDistinct(String, long)}, with the id its caller knows it by. */
    public void addDistinct(String name, int id, long value) {
        if (ids == null) {
            ids = new int[names.length];
            Arrays.fill(ids, 0, size, NO_ID);
        }
        append(name, id, value);
    }

    private void append(String name, int id, long value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
            if (ids != null) {
                ids = Arrays.copyOf(ids, size * 2);
            }
        }
        names[size] = name;
        values[size] = value;
        if (ids != null) {
            ids[size] = id;
        }
        size++;
    }

    public String nameAt(int i) { return names[i]; }
    public long valueAt(int i) { return values[i]; }
    /** The id the entry was added with, or {@link #NO_ID}. */
    public int idAt(int i) { return ids == null ? NO_ID : ids[i]; }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Long get(Object key) {
        int i = key instanceof String s ? indexOf(s, s.hashCode()) : -1;
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && indexOf(s, s.hashCode()) >= 0;
    }

    /** Decoders share their name strings, whose hashes are cached in them: a scan of ints, and rarely an equals. */
    private int indexOf(String name, int hash) {
        if (hashed < size) {
            if (hashes == null || hashes.length < size) {
                hashes = hashes == null ? new int[names.length] : Arrays.copyOf(hashes, names.length);
            }
            for (; hashed < size; hashed++) {
                hashes[hashed] = names[hashed].hashCode();
            }
        }
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && (names[i] == name || names[i].equals(name))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Long> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
