package io.ballast.codec;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepeatedStringTest {
    @Test
    void theSameBytesGiveBackTheSameStringAndOtherBytesTheirOwn() throws IOException {
        String long64 = "gpu-node-".repeat(8); // longer than the first buffers
        BinaryDecoder in = decoder("node-1", "node-1", "node-2", "node-1", "", "", long64, long64, "h\u00e9");
        RepeatedString field = new RepeatedString();

        String first = field.read(in);
        assertThat(first).isEqualTo("node-1");
        assertThat(field.read(in)).isSameAs(first);
        assertThat(field.read(in)).isEqualTo("node-2");
        assertThat(field.read(in)).isEqualTo("node-1").isNotSameAs(first); // only the last value is kept
        String empty = field.read(in);
        assertThat(empty).isEmpty();
        assertThat(field.read(in)).isSameAs(empty);
        String longer = field.read(in);
        assertThat(longer).isEqualTo(long64);
        assertThat(field.read(in)).isSameAs(longer);
        assertThat(field.read(in)).isEqualTo("h\u00e9");
    }

    @Test
    void readsWhatAvrosOwnReaderReadsMalformedUtf8Included() throws IOException {
        byte[] malformed = {2 * 3, 'a', (byte) 0xC3, 'b'}; // length 3 (zigzag 6), then a cut-off two-byte sequence
        assertThat(new RepeatedString().read(DecoderFactory.get().binaryDecoder(malformed, null)))
                .isEqualTo(DecoderFactory.get().binaryDecoder(malformed, null).readString());
    }

    @Test
    void aNegativeOrCutShortLengthIsRefusedAsAvroRefusesIt() {
        byte[] negative = {1}; // zigzag -1
        assertThatThrownBy(() -> new RepeatedString().read(DecoderFactory.get().binaryDecoder(negative, null)))
                .hasMessageContaining("negative");
        byte[] cut = {2 * 10, 'a', 'b'};
        assertThatThrownBy(() -> new RepeatedString().read(DecoderFactory.get().binaryDecoder(cut, null)))
                .isInstanceOf(java.io.EOFException.class);
    }

    private static BinaryDecoder decoder(String... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        for (String v : values) {
            out.writeString(v);
        }
        out.flush();
        return DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
    }
}
