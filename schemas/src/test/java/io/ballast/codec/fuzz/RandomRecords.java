package io.ballast.codec.fuzz;

import io.ballast.contract.EventType;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid contract records of any type, built from the schema with values a well-behaved source may send
 * (ts in range, counts and counters non-negative, at least one expert), so decoders must accept and round-trip them.
 */
final class RandomRecords {
    private static final long TS_MIN = 946_684_800_000L;
    private static final long TS_SPAN = 4_102_444_800_000L - TS_MIN;

    private RandomRecords() {}

    static SpecificRecord of(EventType type, long seed) {
        Random random = new Random(seed);
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, type.schema());
        for (Schema.Field field : type.schema().getFields()) {
            record.put(field.pos(), value(field.name(), field.schema(), random));
        }
        return record;
    }

    private static Object value(String name, Schema schema, Random random) {
        switch (schema.getType()) {
            case UNION: {
                Schema nonNull = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
                return random.nextInt(4) == 0 ? null : value(name, nonNull, random);
            }
            case STRING: return text(random);
            case INT: return random.nextInt(1 << 20);
            case LONG: return "ts".equals(name) ? TS_MIN + Math.floorMod(random.nextLong(), TS_SPAN) : random.nextLong() >>> 1;
            case DOUBLE: {
                int pick = random.nextInt(8);
                return pick == 0 ? Double.NaN : pick == 1 ? Double.NEGATIVE_INFINITY : pick == 2 ? -0.0 : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
            }
            case BOOLEAN: return random.nextBoolean();
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (int i = 1 + random.nextInt(6); i > 0; i--) {
                    list.add(value(name, schema.getElementType(), random));
                }
                return list;
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(text(random), value(name, schema.getValueType(), random));
                }
                return map;
            }
            default: throw new IllegalStateException("schema type not in the contract: " + schema.getType());
        }
    }

    /** Any Unicode, including quotes, escapes, control characters and surrogate pairs. */
    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int pick = random.nextInt(5);
            s.appendCodePoint(pick == 0 ? random.nextInt(0x20) : pick == 1 ? "\"\\/'{}[]".charAt(random.nextInt(8))
                    : pick == 2 ? 0x1F600 + random.nextInt(64) : pick == 3 ? 0xE9 + random.nextInt(200) : 'a' + random.nextInt(26));
        }
        return s.toString();
    }
}
