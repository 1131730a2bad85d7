package io.ballast.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TempDirsTest {
    @Test
    void deletesADirectoryTreeAndToleratesOneAlreadyGone() throws Exception {
        Path dir = Files.createTempDirectory("ballast-temp-dirs-test");
        Files.createDirectories(dir.resolve("chk-1/shared"));
        Files.writeString(dir.resolve("chk-1/_metadata"), "x");

        TempDirs.deleteQuietly(dir);
        TempDirs.deleteQuietly(dir);

        assertThat(dir).doesNotExist();
    }
}
