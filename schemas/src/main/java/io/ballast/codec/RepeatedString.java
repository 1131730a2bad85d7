package io.ballast.codec;

import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One string field of a record kind, read as Avro does, but given back as the previous record's {@code String} when
 * its bytes are the same: a node's name and boot id repeat across its eight ports, the cluster across all records, so
 * most of them cost a byte comparison instead of a decode and an allocation. Not thread-safe.
 */
final class RepeatedString {
    private byte[] last = new byte[32];
    private int lastLength = -1;
    private String value;
    private byte[] scratch = new byte[32];

    String read(BinaryDecoder in) throws IOException {
        int length = SystemLimitException.checkMaxStringLength(in.readLong());
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        in.readFixed(scratch, 0, length);
        if (length == lastLength && Arrays.equals(scratch, 0, length, last, 0, length)) {
            return value;
        }
        value = new String(scratch, 0, length, StandardCharsets.UTF_8);
        byte[] kept = last;
        last = scratch;
        scratch = kept;
        lastLength = length;
        return value;
    }
}
