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

    @Test
    void aFieldsRepeatedStringComesBackAsTheSameInstanceAndEveryValueAsItWasWritten() throws IOException {
        List<String> field0 = Arrays.asList("h100-a", "h100-a", null, "h100-a", "nœud", "nœud", "h100-b", "h100-b", "", "");
        List<String> field1 = Arrays.asList("gpu-node-1", "gpu-node-1", "gpu-node-2", "gpu-node-2", "gpu-node-2", "gpu-node-1",
                "gpu-node-1", "ÿ".repeat(253), "ÿ".repeat(253), "gpu-node-1");
        DataOutputSerializer out = new DataOutputSerializer(16);
        ExchangeStrings writer = new ExchangeStrings();
        for (int i = 0; i < field0.size(); i++) {
            writer.write(field0.get(i), out, 0);
            writer.write(field1.get(i), out, 1);
            writer.write("unslotted", out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        ExchangeStrings reader = new ExchangeStrings();
        List<String> read0 = new java.util.ArrayList<>();
        List<String> read1 = new java.util.ArrayList<>();
        for (int i = 0; i < field0.size(); i++) {
            read0.add(reader.read(in, 0));
            read1.add(reader.read(in, 1));
            assertThat(reader.read(in)).isEqualTo("unslotted");
        }

        assertThat(read0).isEqualTo(field0);
        assertThat(read1).isEqualTo(field1);
        assertThat(in.available()).isZero();
        assertThat(read0.get(1)).isSameAs(read0.get(0));
        assertThat(read1.get(3)).isSameAs(read1.get(2)).isNotSameAs(read1.get(1));
        assertThat(read1.get(8)).isSameAs(read1.get(7));
        assertThat(read0.get(3)).as("a null between does not count as a value").isSameAs(read0.get(0));
    }

    @Test
    void aRepeatIsWrittenWithTheSameBytesAsAFirstTime() throws IOException {
        DataOutputSerializer first = new DataOutputSerializer(16);
        DataOutputSerializer repeat = new DataOutputSerializer(16);
        ExchangeStrings strings = new ExchangeStrings();
        String node = "gpu-node-00017";
        strings.write(node, first, 3);
        strings.write("leaf-p3-07", first, 4);
        strings.write(node, repeat, 3);

        assertThat(repeat.getCopyOfBuffer()).containsExactly(java.util.Arrays.copyOf(first.getCopyOfBuffer(), 1 + node.length()));
    }
}
