package io.ballast.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 on the trainer's Python modules (never the pyenv python on PATH). */
final class Python {
    static final String PYTHON = "/usr/bin/python3";

    private Python() {}

    static Path repoRoot() {
        String root = System.getenv("BALLAST_REPO_ROOT");
        return root != null ? Paths.get(root) : Paths.get("..").toAbsolutePath().normalize();
    }

    /** Runs a script under trainer/python with the arguments; returns stdout, or throws with stderr on failure. */
    static String run(long timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, repoRoot().resolve("trainer/python").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTHONPATH", repoRoot().resolve("trainer/python").toString());
        pb.environment().put("BALLAST_REPO_ROOT", repoRoot().toString());
        Path err = Paths.get(System.getProperty("java.io.tmpdir")).resolve("python-" + System.nanoTime() + ".err");
        err.toFile().getParentFile().mkdirs();
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "): "
                    + java.nio.file.Files.readString(err, StandardCharsets.UTF_8)
                    + "\n(missing modules? run scripts/install-test-deps for python3-torch, python3-confluent-kafka, python3-avro)");
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
