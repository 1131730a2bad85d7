package io.ballast.codec;

import io.ballast.contract.EventType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Lines form of the contract: one object per line with {@code type} and {@code ts}, snake_case
 * fields, unknown fields ignored, null or absent for what a source does not know. Converts both ways
 * without loss: a record read from JSON, encoded to Avro and back writes the same JSON object.
 * NaN and infinities (a diverging loss) are written as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} so every line is strict JSON; the bare tokens are accepted on input too.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // 10 MB lines are legal input (huge expert arrays); beyond the default 20 MB string limit is not.
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(1000).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonCodec() {}

    /** Reads one line. Every way it can be wrong is a {@link DecodeException} whose message names the field. */
    public static SpecificRecord fromJson(String line) throws DecodeException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DecodeException("malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DecodeException("malformed JSON: a line must be one JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DecodeException("missing required field 'type'");
        }
        EventType type = EventType.byName(typeNode.asText())
                .orElseThrow(() -> new DecodeException("unknown type '" + abbreviate(typeNode.asText()) + "'"));
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, type.schema());
        for (Schema.Field field : type.schema().getFields()) {
            record.put(field.pos(), convert(node.get(field.name()), field.schema(), field.name()));
        }
        Validation.check(record);
        return record;
    }

    /** Writes one line (no trailing newline): {@code type} first, then fields in schema order, nulls omitted. */
    public static String toJson(SpecificRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("type", EventType.of(record).typeName());
            for (Schema.Field field : record.getSchema().getFields()) {
                Object value = record.get(field.pos());
                if (value != null) {
                    gen.writeFieldName(field.name());
                    write(gen, value);
                }
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object convert(JsonNode node, Schema schema, String path) throws DecodeException {
        boolean absent = node == null || node.isNull();
        if (schema.getType() == Schema.Type.UNION) {
            if (absent) {
                return null;
            }
            return convert(node, nonNull(schema), path);
        }
        if (absent) {
            throw new DecodeException("missing required field '" + path + "'");
        }
        switch (schema.getType()) {
            case STRING:
                if (!node.isTextual()) {
                    throw wrongType(path, "string", node);
                }
                return node.asText();
            case INT:
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw wrongType(path, "int", node);
                }
                return node.intValue();
            case LONG:
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw wrongType(path, "long", node);
                }
                return node.longValue();
            case DOUBLE:
                return toDouble(node, path);
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw wrongType(path, "boolean", node);
                }
                return node.booleanValue();
            case ARRAY: {
                if (!node.isArray()) {
                    throw wrongType(path, "array", node);
                }
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return list;
            }
            case MAP: {
                if (!node.isObject()) {
                    throw wrongType(path, "object", node);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), convert(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
                }
                return map;
            }
            default:
                throw new IllegalStateException("schema type not used by the contract: " + schema.getType());
        }
    }

    private static double toDouble(JsonNode node, String path) throws DecodeException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": case "+Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw wrongType(path, "number", node);
    }

    private static Schema nonNull(Schema union) {
        for (Schema s : union.getTypes()) {
            if (s.getType() != Schema.Type.NULL) {
                return s;
            }
        }
        throw new IllegalStateException("union without a value type: " + union);
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator gen, Object value) throws IOException {
        if (value instanceof CharSequence s) {
            gen.writeString(s.toString());
        } else if (value instanceof Integer i) {
            gen.writeNumber(i);
        } else if (value instanceof Long l) {
            gen.writeNumber(l);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                gen.writeString(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            } else {
                gen.writeNumber(d);
            }
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            gen.writeStartArray();
            for (Object o : list) {
                write(gen, o);
            }
            gen.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            // Sorted keys: the same record always writes the same bytes, whatever map the decoder built.
            gen.writeStartObject();
            for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) map).entrySet()) {
                gen.writeFieldName(e.getKey());
                write(gen, e.getValue());
            }
            gen.writeEndObject();
        } else {
            throw new IllegalStateException("value type not used by the contract: " + value.getClass());
        }
    }

    private static DecodeException wrongType(String path, String expected, JsonNode got) {
        return new DecodeException("field '" + path + "': expected " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode node) {
        String kind = node.getNodeType().name().toLowerCase();
        return kind + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
