package io.ballast.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a Docker engine is reachable, checked cheaply before Testcontainers is asked (it logs an ERROR when none is). */
public final class Docker {
    private static volatile Boolean available;

    private Docker() {}

    public static boolean available() {
        if (available == null) {
            boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
            available = socket && probe();
        }
        return available;
    }

    private static boolean probe() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
