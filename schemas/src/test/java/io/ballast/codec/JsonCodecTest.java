package io.ballast.codec;

import io.ballast.contract.EventType;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.TrainStep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {
    private static final ObjectMapper TREES = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void jsonToAvroToJsonGivesTheSameObject(EventType type) throws Exception {
        String line = ContractSamples.line(type);

        SpecificRecord fromJson = JsonCodec.fromJson(line);
        SpecificRecord fromAvro = AvroCodec.decode(AvroCodec.encode(fromJson));

        assertThat(EventType.of(fromAvro)).isEqualTo(type);
        assertThat(tree(JsonCodec.toJson(fromAvro))).isEqualTo(tree(line));
    }

    @Test
    void writesTypeFirstAndOmitsNulls() throws Exception {
        String out = JsonCodec.toJson(JsonCodec.fromJson(
                "{\"ts\":1795486326353,\"type\":\"xid\",\"node\":\"n1\",\"xid\":13,\"message\":\"m\",\"gpu\":null}"));

        assertThat(out).startsWith("{\"type\":\"xid\",").doesNotContain("null").doesNotContain("gpu");
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        ObjectNode withExtras = (ObjectNode) tree(ContractSamples.line(EventType.GPU_SAMPLE));
        withExtras.put("fan_speed_pct", 40);
        withExtras.putObject("nested").put("anything", "goes");

        SpecificRecord record = JsonCodec.fromJson(withExtras.toString());

        assertThat(tree(JsonCodec.toJson(record))).isEqualTo(tree(ContractSamples.line(EventType.GPU_SAMPLE)));
    }

    @Test
    void absentOptionalFieldsStayAbsent() throws Exception {
        String minimal = "{\"type\":\"gpu_sample\",\"ts\":1795486326353,\"node\":\"gpu-node-001\",\"gpu\":0}";

        GpuSample sample = (GpuSample) JsonCodec.fromJson(minimal);

        assertThat(sample.getTempC()).isNull();
        assertThat(sample.getEccDbeVolatileTotal()).isNull();
        assertThat(sample.getCluster()).isNull();
        assertThat(tree(JsonCodec.toJson(AvroCodec.decode(AvroCodec.encode(sample))))).isEqualTo(tree(minimal));
    }

    @Test
    void explicitNullReadsAsAbsent() throws Exception {
        GpuSample sample = (GpuSample) JsonCodec.fromJson(
                "{\"type\":\"gpu_sample\",\"ts\":1795486326353,\"node\":\"n\",\"gpu\":0,\"temp_c\":null,\"remap_failure\":null}");

        assertThat(sample.getTempC()).isNull();
        assertThat(sample.getRemapFailure()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "\"NaN\"", "Infinity", "\"Infinity\"", "-Infinity", "\"-Infinity\"", "\"+Infinity\""})
    void acceptsNonFiniteLossAsBareTokenOrString(String loss) throws Exception {
        String line = "{\"type\":\"train_step\",\"ts\":1795486326353,\"job\":\"j\",\"step\":7,\"loss\":" + loss + "}";
        double expected = Double.parseDouble(loss.replace("\"", ""));

        TrainStep step = (TrainStep) JsonCodec.fromJson(line);
        String written = JsonCodec.toJson(AvroCodec.decode(AvroCodec.encode(step)));

        assertThat(step.getLoss()).isEqualByComparingTo(expected);
        assertThat(tree(written).get("loss").isTextual()).as("non-finite doubles are written as strings: %s", written).isTrue();
        assertThat(((TrainStep) JsonCodec.fromJson(written)).getLoss()).isEqualByComparingTo(expected);
    }

    @Test
    void rejectsMalformedJson() {
        assertRejected("{\"type\":\"xid\",\"ts\":17", "malformed JSON");
        assertRejected("not json at all", "malformed JSON");
    }

    @Test
    void rejectsTrailingContentAfterTheObject() {
        String xid = "{\"type\":\"xid\",\"ts\":1795486326353,\"node\":\"n\",\"xid\":13,\"message\":\"m\"}";
        assertRejected(xid + " trailing", "malformed JSON");
        assertRejected(xid + xid, "malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "42", "\"gpu_sample\"", "null", ""})
    void rejectsALineThatIsNotAnObject(String line) {
        assertRejected(line, "must be one JSON object");
    }

    @Test
    void rejectsMissingType() {
        assertRejected("{\"ts\":1795486326353,\"node\":\"n\",\"gpu\":0}", "missing required field 'type'");
        assertRejected("{\"type\":7,\"ts\":1795486326353}", "missing required field 'type'");
    }

    @Test
    void rejectsUnknownTypeNamingIt() {
        assertRejected("{\"type\":\"gpu_sampel\",\"ts\":1795486326353}", "unknown type 'gpu_sampel'");
    }

    @Test
    void rejectsMissingRequiredFieldNamingIt() {
        assertRejected("{\"type\":\"xid\",\"ts\":1795486326353,\"node\":\"n\",\"message\":\"m\"}", "missing required field 'xid'");
        assertRejected("{\"type\":\"gpu_sample\",\"node\":\"n\",\"gpu\":0}", "missing required field 'ts'");
        assertRejected("{\"type\":\"nic_counters\",\"ts\":1795486326353,\"node\":\"n\",\"device\":\"mlx5_0\",\"port\":1,"
                + "\"counters\":{}}", "missing required field 'boot_id'");
    }

    @Test
    void rejectsAStringWhereAnIntBelongs() {
        assertRejected("{\"type\":\"gpu_sample\",\"ts\":1795486326353,\"node\":\"n\",\"gpu\":\"3\"}",
                "field 'gpu': expected int, got string");
    }

    @Test
    void rejectsOtherWrongTypes() {
        assertRejected("{\"type\":\"gpu_sample\",\"ts\":1.795486326353E12,\"node\":\"n\",\"gpu\":0}", "field 'ts': expected long");
        assertRejected("{\"type\":\"gpu_sample\",\"ts\":1795486326353,\"node\":\"n\",\"gpu\":0,\"remap_failure\":\"no\"}",
                "field 'remap_failure': expected boolean");
        assertRejected("{\"type\":\"train_step\",\"ts\":1795486326353,\"job\":\"j\",\"step\":1,\"loss\":\"high\"}",
                "field 'loss': expected number");
        assertRejected("{\"type\":\"gpu_sample\",\"ts\":1795486326353,\"node\":\"n\",\"gpu\":3000000000}",
                "field 'gpu': expected int");
    }

    @Test
    void rejectsNaNWhereACountBelongs() {
        String prefix = "{\"type\":\"expert_load\",\"ts\":1795486326353,\"job\":\"j\",\"step\":1,\"layer\":0,\"rank\":-1,\"ranks\":1,";
        assertRejected(prefix + "\"counts\":[10,NaN,12]}", "field 'counts[1]': expected long");
        assertRejected(prefix + "\"counts\":[10,\"NaN\",12]}", "field 'counts[1]': expected long");
        assertRejected("{\"type\":\"nic_counters\",\"ts\":1795486326353,\"node\":\"n\",\"device\":\"mlx5_0\",\"port\":1,"
                + "\"boot_id\":\"b\",\"counters\":{\"symbol_error\":NaN}}", "field 'counters.symbol_error': expected long");
    }

    @Test
    void rejectsNegativeCounts() {
        assertRejected("{\"type\":\"expert_load\",\"ts\":1795486326353,\"job\":\"j\",\"step\":1,\"layer\":0,\"rank\":-1,"
                + "\"ranks\":1,\"counts\":[10,-3,12]}", "field 'counts': token counts must be >= 0, got -3");
        assertRejected("{\"type\":\"nic_counters\",\"ts\":1795486326353,\"node\":\"n\",\"device\":\"mlx5_0\",\"port\":1,"
                + "\"boot_id\":\"b\",\"counters\":{\"port_rcv_errors\":-1}}", "field 'counters.port_rcv_errors'");
        assertRejected("{\"type\":\"expert_load\",\"ts\":1795486326353,\"job\":\"j\",\"step\":1,\"layer\":0,\"rank\":-1,"
                + "\"ranks\":0,\"counts\":[1]}", "field 'ranks'");
    }

    @ParameterizedTest
    @ValueSource(longs = {1_795_486_326L /* seconds, not ms */, 946_684_799_999L, 4_102_444_800_001L, 1_795_486_326_353_000L /* µs */})
    void rejectsTsOutsideTheYears2000To2100(long ts) {
        assertRejected("{\"type\":\"gpu_sample\",\"ts\":" + ts + ",\"node\":\"n\",\"gpu\":0}",
                "field 'ts': " + ts + " is not epoch milliseconds between 2000 and 2100");
    }

    @Test
    void acceptsTsAtTheBoundaries() throws Exception {
        assertThat(((GpuSample) JsonCodec.fromJson("{\"type\":\"gpu_sample\",\"ts\":946684800000,\"node\":\"n\",\"gpu\":0}")).getTs())
                .isEqualTo(946_684_800_000L);
        assertThat(((ExpertLoad) JsonCodec.fromJson("{\"type\":\"expert_load\",\"ts\":4102444800000,\"job\":\"j\",\"step\":1,"
                + "\"layer\":0,\"rank\":-1,\"ranks\":1,\"counts\":[0]}")).getTs()).isEqualTo(4_102_444_800_000L);
    }

    private static void assertRejected(String line, String reason) {
        assertThatThrownBy(() -> JsonCodec.fromJson(line))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    static JsonNode tree(String json) {
        try {
            return TREES.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
