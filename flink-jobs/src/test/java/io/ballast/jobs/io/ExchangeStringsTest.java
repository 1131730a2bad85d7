package io.ballast.jobs.io;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeStringsTest {
    private static final List<String> STRINGS = Arrays.asList(
            null, "", "gpu-node-00017", "leaf-p3-07", "nœud-é", "ÿ".repeat(253), "x".repeat(254), "gpu-nöde-☃", "𝄞", "x".repeat(70_000));

    @Test
    void everyStringComesBackInTheOrderWritten() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        ExchangeStrings writer = new ExchangeStrings();
        for (String s : STRINGS) {
            writer.write(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        ExchangeStrings reader = new ExchangeStrings();
        for (String s : STRINGS) {
            assertThat(reader.read(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shortLatin1StringsTakeALengthByteAndOneBytePerChar() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        ExchangeStrings strings = new ExchangeStrings();
        strings.write("nœud", out); // œ is not Latin-1
        int other = out.length();
        out.clear();
        strings.write("gpu-node-00017", out);

        assertThat(out.length()).isEqualTo(1 + "gpu-node-00017".length());
        assertThat(other).isGreaterThan(1 + "nœud".length());
    }
}
