package io.ballast.codec;

import io.ballast.events.NicCounters;

import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.List;

/**
 * Reads a {@code nic_counters} body written with the current schema straight off the binary decoder, without the
 * grammar that Avro's resolving decoder walks for every field: half of all telemetry, with seventeen counter names per
 * record that come back as the same {@code String}s each time ({@link KeyInterner}), and strings that repeat from one
 * port to the next ({@link RepeatedString}). {@link #FIELDS} must list the
 * schema's fields in order (a test checks). Not thread-safe.
 */
final class NicCountersBody {
    static {
        AvroLimits.apply();
    }

    /** The fields this reader reads, in order. */
    static final List<String> FIELDS = List.of("ts", "cluster", "node", "device", "port", "plane", "switch", "link_state", "boot_id", "counters");
    private static final int MAX_NAMES = 256;

    private final KeyInterner names = new KeyInterner(MAX_NAMES);
    private final RepeatedString cluster = new RepeatedString();
    private final RepeatedString node = new RepeatedString();
    private final RepeatedString device = new RepeatedString();
    private final RepeatedString leafSwitch = new RepeatedString();
    private final RepeatedString linkState = new RepeatedString();
    private final RepeatedString bootId = new RepeatedString();
    private BinaryDecoder decoder;
    private byte[] scratch = new byte[64];

    /** Decodes {@code length} bytes at {@code offset}; Avro's length limits apply, as in {@link AvroBody}. */
    NicCounters read(byte[] bytes, int offset, int length) throws IOException {
        BinaryDecoder in = decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
        NicCounters r = new NicCounters();
        r.setTs(in.readLong());
        r.setCluster(FlatBody.present(in, "cluster") ? cluster.read(in) : null);
        r.setNode(node.read(in));
        r.setDevice(device.read(in));
        r.setPort(in.readInt());
        r.setPlane(FlatBody.present(in, "plane") ? in.readInt() : null);
        r.setSwitch$(FlatBody.present(in, "switch") ? leafSwitch.read(in) : null);
        r.setLinkState(FlatBody.present(in, "link_state") ? linkState.read(in) : null);
        r.setBootId(bootId.read(in));
        long block = in.readMapStart();
        CounterMap counters = new CounterMap((int) Math.min(block, MAX_NAMES));
        names.restart();
        for (; block > 0; block = in.mapNext()) {
            for (; block != 0; block--) {
                String name = name(in);
                if (names.firstInRecord()) {
                    counters.addDistinct(name, in.readLong());
                } else {
                    counters.add(name, in.readLong()); // a repeated or unremembered name: the map's search decides
                }
            }
        }
        r.setCounters(counters);
        return r;
    }

    /** An Avro string (length, then UTF-8 bytes), interned. */
    private String name(BinaryDecoder in) throws IOException {
        int length = SystemLimitException.checkMaxStringLength(in.readLong());
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        in.readFixed(scratch, 0, length);
        return names.intern(scratch, length);
    }
}
