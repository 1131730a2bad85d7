package io.ballast.logic.stability;

import io.ballast.codec.DecodeException;
import io.ballast.codec.JsonCodec;

import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the real 600-step MoE training trace captured on an H100 (fixtures/traces). */
public final class TraceFixture {
    public static final String TINY_MOE = "/traces/tiny-moe-h100-aux.jsonl.gz";

    private TraceFixture() {}

    public static List<SpecificRecord> read(String resource) throws IOException, DecodeException {
        List<SpecificRecord> records = new ArrayList<>();
        try (InputStream in = TraceFixture.class.getResourceAsStream(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                     StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                records.add(JsonCodec.fromJson(line));
            }
        }
        return records;
    }

    public static <T> List<T> read(String resource, Class<T> type) throws IOException, DecodeException {
        return read(resource).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
