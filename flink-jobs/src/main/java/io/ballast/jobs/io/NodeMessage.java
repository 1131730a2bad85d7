package io.ballast.jobs.io;

import io.ballast.codec.AvroCodec;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.jobs.state.SerializerTypeInfo;

import org.apache.avro.specific.SpecificRecord;
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
    /** An Avro single-object message (gpu_sample or nic_counters; as the source had it, or re-encoded: {@link #ofRecord}). */
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

    /** The sample of {@code raw}, its own payload {@code message}, whose header said {@code ts}, {@code cluster} and {@code node}. */
    public static NodeMessage of(RawRecord raw, long ts, String cluster, String node, byte[] message) {
        return new NodeMessage(ts, cluster, node, message, raw.source, raw.topic, raw.partition, raw.offset, raw.sourceTs);
    }

    /**
     * A sample of {@code raw} that was decoded whole (JSON, an older schema, a record built in code), re-encoded with
     * the current schema, as the node operator reads every sample.
     */
    public static NodeMessage ofRecord(RawRecord raw, SpecificRecord sample) {
        if (sample instanceof GpuSample g) {
            return of(raw, g.getTs(), g.getCluster(), g.getNode(), AvroCodec.encode(g));
        }
        NicCounters n = (NicCounters) sample;
        return of(raw, n.getTs(), n.getCluster(), n.getNode(), AvroCodec.encode(n));
    }

    /** Where it came from: {@code topic/partition/offset} or {@code file:line}. */
    public String source() {
        return RawRecord.source(source, topic, partition, offset);
    }
}
