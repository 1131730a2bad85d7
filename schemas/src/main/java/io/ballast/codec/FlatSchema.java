package io.ballast.codec;

import org.apache.avro.Schema;

import java.util.List;

/**
 * Records whose fields are all scalars or strings, optional or not (gpu_sample, xid, train_step, ...): what each field
 * holds, so readers and writers of such records can walk a short array instead of Avro's grammar.
 */
public final class FlatSchema {
    /** Flat records have at most this many fields (one bit each in a presence mask). */
    public static final int MAX_FIELDS = Long.SIZE;

    /** What a field holds. */
    public enum Kind { LONG, INT, DOUBLE, FLOAT, BOOLEAN, STRING }

    private FlatSchema() {}

    /** Each field's kind in schema order, or null when the record is not flat. */
    public static Kind[] kinds(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        if (fields.size() > MAX_FIELDS) {
            return null;
        }
        Kind[] kinds = new Kind[fields.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kindOf(fields.get(i).schema());
            if (kinds[i] == null) {
                return null;
            }
        }
        return kinds;
    }

    /** Whether each field is a union of null and its kind, in schema order; the record must be flat. */
    public static boolean[] optional(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        boolean[] optional = new boolean[fields.size()];
        for (int i = 0; i < optional.length; i++) {
            optional[i] = fields.get(i).schema().getType() == Schema.Type.UNION;
        }
        return optional;
    }

    private static Kind kindOf(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches = s.getTypes();
            if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
                return null;
            }
            s = branches.get(1);
        }
        return switch (s.getType()) {
            case LONG -> Kind.LONG;
            case INT -> Kind.INT;
            case DOUBLE -> Kind.DOUBLE;
            case FLOAT -> Kind.FLOAT;
            case BOOLEAN -> Kind.BOOLEAN;
            case STRING -> Kind.STRING;
            default -> null;
        };
    }
}
