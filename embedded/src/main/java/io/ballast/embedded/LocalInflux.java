package io.ballast.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real InfluxDB 1.x server: Debian's {@code influxd} run as a child process on free loopback
 * ports, with its config and data in a temp dir. {@link #kill()} and {@link #restart()} keep the
 * ports and the data, so tests can stage an outage; {@link #stop()} removes everything.
 */
public final class LocalInflux implements InfluxBackend {
    static final String INSTALL_HINT =
            "influxd (InfluxDB 1.x) is not on PATH; install it with `apt-get install -y influxdb` "
                    + "(Debian ships 1.6.7), or point BALLAST_INFLUX at a running InfluxDB 1.x";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final Path dir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread reaper = new Thread(this::destroyProcess, "local-influx-reaper");
    private Process process;

    private LocalInflux(Path binary, Path dir, int httpPort) {
        this.binary = binary;
        this.dir = dir;
        this.httpPort = httpPort;
    }

    /** Starts influxd on two free loopback ports and waits until {@code /ping} answers 204. */
    public static LocalInflux start() {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        try {
            Path dir = Files.createTempDirectory("ballast-influx");
            int[] ports = freePorts(2);
            Files.writeString(dir.resolve("influxdb.conf"), config(dir, ports[0], ports[1]));
            LocalInflux influx = new LocalInflux(binary, dir, ports[0]);
            // A JVM that dies without stop() must not leave an influxd behind.
            Runtime.getRuntime().addShutdownHook(influx.reaper);
            influx.launch();
            return influx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a local influxd", e);
        }
    }

    /** Whether an {@code influxd} binary can be found on PATH. */
    public static boolean installed() {
        return findBinary().isPresent();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Kills the server but keeps its ports and data: an outage. */
    public synchronized void kill() {
        destroyProcess();
    }

    /** Starts the server again on the same ports with the same data (kills it first if it runs). */
    public synchronized void restart() {
        destroyProcess();
        launch();
    }

    /** Kills the server and deletes its data. */
    public synchronized void stop() {
        destroyProcess();
        TempDirs.deleteQuietly(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to unregister.
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        try {
            process = new ProcessBuilder(binary.toString(), "-config", dir.resolve("influxdb.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        awaitPing();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Polled again below until the deadline.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
        }
        destroyProcess();
        throw new IllegalStateException("influxd did not answer /ping within " + START_TIMEOUT + ": " + logTail());
    }

    private void destroyProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("influxd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> findBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "influxd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int[] freePorts(int n) throws IOException {
        // Hold all sockets open together so the ports differ; a race with another process is possible but rare.
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    private static String config(Path dir, int httpPort, int rpcPort) {
        return """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s"
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  auth-enabled = false
                  log-enabled = false
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                """.formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), httpPort);
    }
}
