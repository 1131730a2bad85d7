package io.ballast.sim;

import io.ballast.codec.JsonCodec;

import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes records as a JSON Lines trace (the form {@code replay} reads), gzipped when the file name ends in {@code .gz}. */
public final class JsonLinesTraceWriter implements TraceSink {
    private final Writer out;

    public JsonLinesTraceWriter(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void write(SpecificRecord record) throws IOException {
        out.write(JsonCodec.toJson(record));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
