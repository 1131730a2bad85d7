package io.ballast.collectors.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Real nvidia-smi captures from an H100 (driver 580.159.04), copied into the test resources. */
final class Fixtures {
    static final String CSV = "fixtures/nvidia-smi-h100/nvidia-smi-query-gpu.csv";
    static final String XML = "fixtures/nvidia-smi-h100/nvidia-smi-q-x.xml";

    private Fixtures() {}

    static String read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String resource) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
