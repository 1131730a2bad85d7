package io.ballast.codec;

import io.ballast.contract.EventType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every current schema can read data of every released version (backward) and be read by it (forward). */
class SchemaCompatibilityTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void currentSchemaIsBackwardAndForwardCompatibleWithEveryRelease(EventType type) {
        assertThat(ReleasedSchemas.of(type)).as("released versions of %s", type).isNotEmpty();
        for (Schema released : ReleasedSchemas.of(type)) {
            assertThat(compatibility(type.schema(), released)).as("%s: current reads released (backward)", type)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(compatibility(released, type.schema())).as("%s: released reads current (forward)", type)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void detectsANewRequiredFieldWithoutDefault() throws Exception {
        Schema released = ReleasedSchemas.of(EventType.GPU_SAMPLE).get(0);
        Schema changed = withField(EventType.GPU_SAMPLE.schema(), "{\"name\":\"fan_pct\",\"type\":\"double\"}");

        assertThat(compatibility(changed, released)).as("new reader cannot fill fan_pct from old data")
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(compatibility(released, changed)).as("old reader skips the new field")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void detectsAChangedFieldType() throws Exception {
        Schema released = ReleasedSchemas.of(EventType.XID).get(0);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(EventType.XID.schema().toString());
        for (var field : json.withArray("fields")) {
            if (field.get("name").asText().equals("xid")) {
                ((ObjectNode) field).put("type", "string");
            }
        }
        Schema changed = new Schema.Parser().parse(json.toString());

        assertThat(compatibility(changed, released)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(compatibility(released, changed)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static Schema withField(Schema schema, String fieldJson) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(schema.toString());
        ArrayNode fields = json.withArray("fields");
        fields.add(mapper.readTree(fieldJson));
        return new Schema.Parser().parse(json.toString());
    }
}
