package io.ballast.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root as seen from a module's test run (surefire runs in the module directory). */
final class RepoFiles {
    private RepoFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("dashboards")) && Files.isRegularFile(dir.resolve("flink-jobs/pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (with dashboards/ and flink-jobs/pom.xml) above " + Path.of("").toAbsolutePath());
    }
}
