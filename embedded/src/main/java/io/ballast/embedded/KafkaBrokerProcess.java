package io.ballast.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka (combined broker and controller) in a child JVM running {@code kafka.Kafka}, on ports
 * fixed at start so that it can be killed with SIGKILL and restarted on the same address and log directory, as a
 * real broker restart looks to its clients. The client listener is PLAINTEXT or SASL_SSL with SCRAM-SHA-512 users
 * preloaded at format time; the controller listener stays PLAINTEXT on 127.0.0.1.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final BrokerSecurity security;
    private final int port;
    private final String classpath;
    private Process process;

    private KafkaBrokerProcess(Path workDir, BrokerSecurity security, int port, String classpath) {
        this.workDir = workDir;
        this.security = security;
        this.port = port;
        this.classpath = classpath;
    }

    /** Formats a log directory under {@code workDir} (with the SCRAM users), starts the broker and waits until it answers. */
    public static KafkaBrokerProcess start(Path workDir, BrokerSecurity security) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            int controllerPort = freePort();
            KafkaBrokerProcess broker = new KafkaBrokerProcess(workDir, security, port, System.getProperty("java.class.path"));
            broker.writeServerProperties(controllerPort);
            broker.format();
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Kafka broker in " + workDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public BrokerSecurity security() {
        return security;
    }

    /** Client properties for the first (admin) user, with the bootstrap servers; only the bootstrap servers for PLAINTEXT. */
    public Map<String, Object> adminClientProperties() {
        Map<String, Object> props = new HashMap<>(security.users().isEmpty() ? Map.of() : security.clientProperties(security.users().get(0)));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no controlled shutdown, no flush, as when a machine dies. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM: a controlled shutdown. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    /** Starts the broker again on the same ports and log directory (stopping it first if it still runs) and waits until it answers. */
    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the Kafka broker: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        process = java("kafka.Kafka", List.of(workDir.resolve("server.properties").toString()), workDir.resolve("broker.log"), true);
        awaitReady();
    }

    private void format() throws IOException {
        List<String> args = new ArrayList<>(List.of("format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c", workDir.resolve("server.properties").toString(), "--standalone"));
        for (BrokerSecurity.ScramUser user : security.users()) {
            args.addAll(List.of("--add-scram", BrokerSecurity.SCRAM_MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + "]"));
        }
        Path log = workDir.resolve("format.log");
        Process formatter = java("kafka.tools.StorageTool", args, log, false);
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IOException("formatting the log directory failed: " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the log directory", e);
        }
    }

    private Process java(String mainClass, List<String> args, Path log, boolean append) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", classpath, mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        return builder.start();
    }

    /** Ready means the broker answers a describeCluster on its client listener (with credentials where needed). */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = new HashMap<>(adminClientProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue() + ": " + tail(workDir.resolve("broker.log")));
            }
            if (portOpen()) {
                try (Admin admin = Admin.create(config)) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // Listener up but the broker not yet serving metadata: ask again.
                }
            } else {
                awaitExit(Duration.ofMillis(100));
            }
        }
        throw new IOException("the Kafka broker did not answer on " + bootstrapServers() + " within " + READY_TIMEOUT.toSeconds() + " s: "
                + tail(workDir.resolve("broker.log")));
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeServerProperties(int controllerPort) throws IOException {
        String protocol = security.protocol();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", protocol + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", protocol + "://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", protocol);
        p.put("log.dirs", workDir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // A restarted broker is only let back in once the controller has fenced its killed incarnation (9 s by default).
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        if (security.isSaslSsl()) {
            SelfSignedTls tls = security.tls();
            p.put("sasl.enabled.mechanisms", BrokerSecurity.SCRAM_MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", BrokerSecurity.SCRAM_MECHANISM);
            p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", BrokerSecurity.jaas(security.users().get(0)));
            p.put("ssl.keystore.location", tls.keystore().toString());
            p.put("ssl.keystore.password", tls.password());
            p.put("ssl.key.password", tls.password());
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.truststore.location", tls.truststore().toString());
            p.put("ssl.truststore.password", tls.password());
            p.put("ssl.truststore.type", "PKCS12");
        }
        try (Writer w = Files.newBufferedWriter(workDir.resolve("server.properties"))) {
            p.store(w, "written by KafkaBrokerProcess");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
