package io.ballast.codec;

/**
 * Avro trusts the length prefixes it reads: a corrupted one makes it allocate up to 2 GiB for one string or array
 * (found by fuzzing: OutOfMemoryError instead of a dead letter). Bounds them to what a contract record can hold.
 * Avro reads these properties once, when it first checks a length, so every reader of ours applies them first;
 * an operator's own -D setting wins.
 */
final class AvroLimits {
    static final long MAX_STRING_BYTES = 16L << 20;
    static final long MAX_COLLECTION_ITEMS = 4L << 20;

    static {
        limit("org.apache.avro.limits.string.maxLength", MAX_STRING_BYTES);
        limit("org.apache.avro.limits.bytes.maxLength", MAX_STRING_BYTES);
        limit("org.apache.avro.limits.collectionItems.maxLength", MAX_COLLECTION_ITEMS);
    }

    private AvroLimits() {}

    /** Applies the limits (once: the class's initialisation does it); call from each reader's static initialiser. */
    static void apply() {
        // the static initialiser above is the work
    }

    private static void limit(String property, long value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value));
        }
    }
}
