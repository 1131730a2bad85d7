package io.ballast.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing what a run left in its temp directories. */
public final class TempDirs {
    private TempDirs() {}

    /** Deletes {@code dir} and everything under it; best effort: a leftover temp dir is not worth failing a run for. */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
