package io.ballast.codec;

import io.ballast.contract.EventType;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of every released contract version, kept in {@code schemas/released/<version>/}.
 * Decoders accept data written with any of them; the compatibility test checks the current schemas against them.
 */
public final class ReleasedSchemas {
    /** Oldest first. Add a version here when a contract change is released. */
    public static final List<String> VERSIONS = List.of("v1");

    private ReleasedSchemas() {}

    /** The schemas of {@code type} in all released versions, oldest first (types added later are skipped). */
    public static List<Schema> of(EventType type) {
        List<Schema> schemas = new ArrayList<>();
        for (String version : VERSIONS) {
            String path = "/released/" + version + "/" + type.typeName() + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
                if (in != null) {
                    schemas.add(new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
        return schemas;
    }
}
