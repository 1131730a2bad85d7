package io.ballast.jobs.io;

import io.ballast.jobs.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A GPU or NIC sample on its way to the node operator: its event time and node, read from the message's header, and
 * the Avro message itself, decoded once behind the keyed exchange instead of decoded, serialized and deserialized
 * again (see {@code io.ballast.codec.NodeHeader}). Keeps where it came from, for a dead letter.
 */
public final class NodeMessage {
    public static final TypeInformation<NodeMessage> TYPE = new SerializerTypeInfo<>(NodeMessage.class, NodeMessageSerializer::new, false);

    public final long ts;
    /** As the sample says: null for the default cluster. */
    public final String cluster;
    public final String node;
    /** An Avro single-object message (gpu_sample or nic_counters, any schema version). */
    public final byte[] message;
    /** The input record's position: {@code source} for a file, else Kafka's topic, partition and offset. */
    final String source;
    final String topic;
    final int partition;
    final long offset;
    /** The source's own timestamp (Kafka record time), 0 when it has none. */
    public final long sourceTs;

    NodeMessage(long ts, String cluster, String node, byte[] message, String source, String topic, int partition, long offset, long sourceTs) {
        this.ts = ts;
        this.cluster = cluster;
        this.node = node;
        this.message = message;
        this.source = source;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.sourceTs = sourceTs;
    }

    /** The sample of {@code raw}, as {@code message} (its own payload, or the record encoded when it came as JSON). */
    public static NodeMessage of(RawRecord raw, long ts, String cluster, String node, byte[] message) {
        return new NodeMessage(ts, cluster, node, message, raw.source, raw.topic, raw.partition, raw.offset, raw.sourceTs);
    }

    /** Where it came from: {@code topic/partition/offset} or {@code file:line}. */
    public String source() {
        return RawRecord.source(source, topic, partition, offset);
    }
}
