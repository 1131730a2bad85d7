package io.ballast.codec;

import io.ballast.contract.EventType;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;

/**
 * The leading {@code ts}, {@code cluster} and {@code node} of a GPU or NIC sample's Avro message, read without the
 * rest of its body: enough to time and key the sample before the keyed exchange, which then carries the message's own
 * bytes and leaves the full decode (and its validation) to the operator behind it. Not thread-safe.
 */
public final class NodeHeader {
    static {
        AvroLimits.apply();
    }

    private final RepeatedString clusters = new RepeatedString();
    private final RepeatedString nodes = new RepeatedString();
    private BinaryDecoder decoder;
    private EventType type;
    private long ts;
    private String cluster;
    private String node;

    /**
     * Reads the header of {@code message} when it is a gpu_sample or nic_counters written with the current schema (whose
     * bodies lead with ts, an optional cluster and the node); false for anything else, which is decoded whole.
     *
     * @throws DecodeException the message is one of those but its header is unreadable or its ts out of range
     */
    public boolean read(byte[] message) throws DecodeException {
        EventType t = AvroCodec.nodeSampleType(message);
        if (t == null) {
            return false;
        }
        try {
            BinaryDecoder in = decoder = DecoderFactory.get().binaryDecoder(message, AvroCodec.HEADER_BYTES, message.length - AvroCodec.HEADER_BYTES, decoder);
            long time = in.readLong();
            Validation.checkTs(time);
            String c = FlatBody.present(in, "cluster") ? clusters.read(in) : null;
            node = nodes.read(in);
            cluster = c;
            ts = time;
            type = t;
            return true;
        } catch (IOException | RuntimeException e) {
            throw AvroCodec.badBody(t, e);
        }
    }

    /** gpu_sample or nic_counters. */
    public EventType type() { return type; }
    public long ts() { return ts; }
    /** Null when the sample names none (the default cluster). */
    public String cluster() { return cluster; }
    public String node() { return node; }
}
