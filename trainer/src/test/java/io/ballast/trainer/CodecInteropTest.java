package io.ballast.trainer;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.JsonCodec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Java's AvroCodec and the Python module write identical single-object bytes for the shared test vectors. */
class CodecInteropTest {
    static final Path VECTORS = Paths.get("src/test/resources/vectors.jsonl");

    static List<String> vectors() throws Exception {
        return Files.readAllLines(VECTORS).stream().filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void javaAndPythonEncodeTheSameRecordToTheSameBytes(String line) throws Exception {
        SpecificRecord record = (SpecificRecord) JsonCodec.fromJson(line);
        String java = HexFormat.of().formatHex(AvroCodec.encode(record));

        ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(line);
        String type = fields.remove("type").asText();
        String python = Python.run(60, "ballast_trainer.py", "encode", type, fields.toString());

        assertThat(python).isEqualTo(java);
        assertThat(java).startsWith("c301");
    }
}
