package io.ballast.jobs.io;

/**
 * One undecoded input record and where it came from ({@code topic/partition/offset} or {@code file:line}).
 * A Flink POJO, so it travels between operators without Kryo.
 */
public class RawRecord {
    /** Where it came from, for the dead-letter output; null for a Kafka record, whose position is in the three below. */
    public String source;
    /** A Kafka record's topic, partition and offset: kept apart so that a string is built only for a dead letter. */
    public String topic;
    public int partition;
    public long offset;
    /** The raw bytes: an Avro single-object message, or one UTF-8 JSON line. */
    public byte[] payload;
    /** True for a JSON Lines record, false for Avro. */
    public boolean json;
    /** The source's own timestamp (Kafka record time), 0 when it has none. */
    public long sourceTs;
    /** Set when the source already knows the record is unreadable (e.g. an over-long line). */
    public String error;

    public RawRecord() {}

    /** A record read from Kafka. */
    public RawRecord(String topic, int partition, long offset, byte[] payload, long sourceTs) {
        this(null, payload, false, sourceTs, null);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public RawRecord(String source, byte[] payload, boolean json, long sourceTs, String error) {
        this.source = source;
        this.payload = payload;
        this.json = json;
        this.sourceTs = sourceTs;
        this.error = error;
    }

    /** Where it came from: {@code topic/partition/offset} or {@code file:line}. */
    public String source() {
        return source(source, topic, partition, offset);
    }

    /** {@code source} when set, else the Kafka position {@code topic/partition/offset}. */
    static String source(String source, String topic, int partition, long offset) {
        return source != null ? source : topic + "/" + partition + "/" + offset;
    }
}
