package io.ballast.it.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink standalone session cluster: a JobManager and TaskManagers as separate JVMs started from the Maven
 * classpath the way {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} start them (memory flags from
 * {@code BashJavaUtils}), jobs submitted with {@code flink run} ({@code CliFrontend}). Logs under {@code <dir>/log}.
 */
public final class FlinkProcessCluster implements AutoCloseable {
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final List<String> opens;
    private final FlinkRest rest;
    private final List<Process> processes = new ArrayList<>();
    private Process jobManager;
    private int taskManagers;

    private FlinkProcessCluster(Path dir, String classpath, List<String> opens, int restPort) {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.classpath = classpath;
        this.opens = opens;
        this.rest = new FlinkRest("http://localhost:" + restPort);
    }

    /** Writes config.yaml under {@code dir} and starts the JobManager; add TaskManagers with {@link #startTaskManager()}. */
    public static FlinkProcessCluster start(Path dir, Path classpathFile, String jvmOpens) throws IOException {
        String classpath = Files.readString(classpathFile).trim();
        int restPort = freePort();
        FlinkProcessCluster cluster = new FlinkProcessCluster(dir, classpath, Arrays.asList(jvmOpens.trim().split("\\s+")), restPort);
        cluster.writeConfig(restPort);
        cluster.jobManager = cluster.launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "GET_JM_RESOURCE_PARAMS", List.of("--executionMode", "cluster"));
        return cluster;
    }

    public FlinkRest rest() {
        return rest;
    }

    /** Starts one more TaskManager JVM. */
    public Process startTaskManager() throws IOException {
        return launch("taskmanager-" + (++taskManagers), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "GET_TM_RESOURCE_PARAMS", List.of());
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to the JobManager. */
    public static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
    }

    /** {@code flink run -d JAR ARGS}; returns the job id the CLI printed. */
    public String submit(Path jar, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri(),
                "-cp", classpath, "org.apache.flink.client.cli.CliFrontend", "run", "-d", jar.toString()));
        cmd.addAll(args);
        Path out = dir.resolve("log/submit.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("flink run did not return in 3 minutes; see " + out);
        }
        String printed = Files.readString(out);
        Matcher m = JOB_ID.matcher(printed);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("flink run failed (exit " + p.exitValue() + "):\n" + printed);
        }
        return m.group(1);
    }

    private Process launch(String name, String mainClass, String resourceQuery, List<String> extraArgs) throws IOException {
        List<String> memory = bashJavaUtils(resourceQuery);
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(Arrays.asList(memory.get(0).trim().split("\\s+")));
        cmd.addAll(List.of("-Dlog.file=" + dir.resolve("log/" + name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(),
                "-cp", classpath, mainClass, "--configDir", conf.toString()));
        cmd.addAll(extraArgs);
        cmd.addAll(Arrays.asList(memory.get(1).trim().split("\\s+")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log/" + name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    /** What {@code bin/config.sh} asks BashJavaUtils: the JVM memory flags, then the dynamic memory properties. */
    private List<String> bashJavaUtils(String query) throws IOException {
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils", query, "--configDir", conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> results = output.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        if (results.size() != 2) {
            throw new IllegalStateException("BashJavaUtils " + query + " printed no memory settings:\n" + output);
        }
        return results;
    }

    private List<String> java() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(opens);
        cmd.add("-XX:+UseSerialGC");
        return cmd;
    }

    private void writeConfig(int restPort) throws IOException {
        Files.createDirectories(conf);
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("jobmanager.rpc.address", "localhost");
        settings.put("jobmanager.rpc.port", Integer.toString(freePort()));
        settings.put("jobmanager.bind-host", "localhost");
        settings.put("jobmanager.memory.process.size", "1024m");
        settings.put("taskmanager.bind-host", "localhost");
        settings.put("taskmanager.host", "localhost");
        settings.put("taskmanager.numberOfTaskSlots", "2");
        settings.put("taskmanager.memory.process.size", "1536m");
        settings.put("parallelism.default", "1");
        settings.put("rest.address", "localhost");
        settings.put("rest.bind-address", "localhost");
        settings.put("rest.port", Integer.toString(restPort));
        settings.put("blob.server.port", Integer.toString(freePort()));
        settings.put("io.tmp.dirs", dir.resolve("tmp").toString());
        settings.put("web.tmpdir", dir.resolve("tmp").toString());
        // A killed TaskManager says no goodbye: notice it in seconds, not the 50 s default.
        settings.put("heartbeat.interval", "1000");
        settings.put("heartbeat.timeout", "5000");
        settings.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        settings.put("restart-strategy.type", "fixed-delay");
        settings.put("restart-strategy.fixed-delay.attempts", "100");
        settings.put("restart-strategy.fixed-delay.delay", "1 s");
        StringBuilder yaml = new StringBuilder();
        settings.forEach((k, v) -> yaml.append(k).append(": ").append(v.contains(":") || v.contains(" ") ? "'" + v + "'" : v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Files.writeString(conf.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                """);
        Files.writeString(conf.resolve("log4j-cli.properties"), """
                rootLogger.level = WARN
                rootLogger.appenderRef.console.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                """);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Kills every JVM it started (the cluster holds no data worth a graceful stop). */
    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** Upper bound for a fresh JVM to register: a loaded 2-core CI machine has taken a minute. */
    public static final Duration STARTUP = Duration.ofMinutes(3);
}
