package io.ballast.ops;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.live.JobArgs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine in CI, so docker-compose.yml is checked against the project instead: it parses,
 * images are pinned, host paths exist or are build outputs the poms really produce, ports don't clash, the job's
 * main class and settings are real, and Grafana is provisioned from dashboards/.
 */
class ComposeFileTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Compose's ${VAR}, ${VAR:-default} and ${VAR-default}; $$ is a literal dollar. */
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

    static Path root;
    static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        root = RepoFiles.root();
        JsonNode compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
    }

    @Test
    void declaresThePipelineServicesAndTheSimulatorAsAnOptionalProfile() {
        assertThat(names(services)).contains("kafka", "topics", "jobmanager", "taskmanager", "influxdb", "grafana", "simulator");
        assertThat(services.path("simulator").path("profiles")).extracting(JsonNode::asText).containsExactly("demo");
        for (String core : List.of("kafka", "jobmanager", "taskmanager", "influxdb", "grafana")) {
            assertThat(services.path(core).has("profiles")).as("%s runs without a profile", core).isFalse();
        }
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        for (Map.Entry<String, JsonNode> s : entries(services)) {
            String image = s.getValue().path("image").asText();
            assertThat(image).as("%s image", s.getKey()).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*").doesNotEndWith(":latest");
        }
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(services.path("jobmanager").path("image").asText()).isEqualTo(services.path("taskmanager").path("image").asText())
                .startsWith("flink:2.2.1-java17");
        assertThat(services.path("influxdb").path("image").asText()).startsWith("influxdb:1.8");
    }

    @Test
    void everyMountedHostPathExistsOrIsABuildOutput() throws Exception {
        for (Map.Entry<String, JsonNode> s : entries(services)) {
            for (JsonNode v : s.getValue().path("volumes")) {
                String host = v.asText().split(":")[0];
                if (!host.startsWith(".")) {
                    continue; // a named volume
                }
                Path path = root.resolve(host).normalize();
                assertThat(path.startsWith(root)).as("%s mounts %s inside the repository", s.getKey(), host).isTrue();
                if (root.relativize(path).toString().contains("target")) {
                    assertBuildOutput(root.relativize(path));
                } else {
                    assertThat(path).as("%s mounts %s", s.getKey(), host).exists();
                }
            }
            for (JsonNode envFile : listOrOne(s.getValue().path("env_file"))) {
                assertThat(root.resolve(envFile.asText())).as("%s env_file", s.getKey()).isRegularFile();
            }
        }
    }

    @Test
    void hostPortsDoNotClash() {
        Map<String, String> owners = new HashMap<>();
        for (Map.Entry<String, JsonNode> s : entries(services)) {
            for (JsonNode p : s.getValue().path("ports")) {
                String host = interpolate(p.asText()).split(":")[0];
                assertThat(owners.put(host, s.getKey())).as("host port %s of %s is also taken by %s", host, s.getKey(), owners.get(host)).isNull();
            }
        }
        assertThat(owners).isNotEmpty();
    }

    @Test
    void dependenciesNameServices() {
        for (Map.Entry<String, JsonNode> s : entries(services)) {
            JsonNode deps = s.getValue().path("depends_on");
            List<String> named = deps.isArray() ? toList(deps) : names(deps);
            assertThat(names(services)).as("%s depends_on", s.getKey()).containsAll(named);
        }
    }

    @Test
    void theJobManagerStartsTheLiveJobWithKnownSettings() throws Exception {
        JsonNode jm = services.path("jobmanager");
        List<String> command = toList(jm.path("command")).stream().map(ComposeFileTest::interpolate).toList();
        assertThat(command.get(0)).isEqualTo("standalone-job");
        int cls = command.indexOf("--job-classname");
        Method main = Class.forName(command.get(cls + 1)).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();

        // The job's own argument parser accepts them (it refuses unknown keys), with the config file read from the repo.
        List<String> jobArgs = new ArrayList<>(command.subList(cls + 2, command.size()));
        jobArgs.replaceAll(arg -> arg.startsWith("/opt/") ? hostPathOf(jm, arg).toString() : arg);
        var conf = JobArgs.parse(jobArgs.toArray(String[]::new));
        assertThat(conf.get(BallastOptions.KAFKA_BOOTSTRAP)).isEqualTo("kafka:9092");
        assertThat(conf.get(BallastOptions.INFLUX_URL)).isEqualTo("http://influxdb:8086");
        assertThat(jm.path("volumes").toString()).contains(":/opt/flink/usrlib/");
    }

    @Test
    void thePropertiesFileHoldsOnlyKnownSettings() throws IOException {
        Set<String> known = BallastOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
        Properties props = new Properties();
        try (var r = Files.newBufferedReader(root.resolve("deploy/ballast.properties"))) {
            props.load(r);
        }
        assertThat(props.stringPropertyNames()).isNotEmpty().allSatisfy(k -> assertThat(known).contains(k));
        assertThat(props.getProperty(BallastOptions.INFLUX_DATABASE.key()))
                .isEqualTo(services.path("influxdb").path("environment").path("INFLUXDB_DB").asText());
    }

    @Test
    void cliContainersRunRealCommands() throws IOException {
        String cli = Files.readString(root.resolve("cli/src/main/java/io/ballast/cli/Ballast.java"));
        assertThat(cli).contains("public static void main");
        for (String service : List.of("topics", "simulator")) {
            String command = String.join(" ", toList(services.path(service).path("command")));
            assertThat(command).as(service).contains("io.ballast.cli.Ballast");
            Matcher m = Pattern.compile("io\\.ballast\\.cli\\.Ballast\\s+(\\w+)").matcher(command);
            while (m.find()) {
                assertThat(cliSources()).as("%s runs 'ballast %s'", service, m.group(1)).contains("name = \"" + m.group(1) + "\"");
            }
        }
    }

    @Test
    void grafanaIsProvisionedFromDashboards() throws IOException {
        JsonNode grafana = services.path("grafana");
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode v : grafana.path("volumes")) {
            String[] parts = v.asText().split(":");
            mounts.put(parts[1], parts[0]);
        }
        assertThat(mounts).containsEntry("/etc/grafana/provisioning/datasources", "./dashboards/provisioning/datasources")
                .containsEntry("/etc/grafana/provisioning/dashboards", "./dashboards/provisioning/dashboards");

        JsonNode providers = YAML.readTree(root.resolve("dashboards/provisioning/dashboards/ballast.yaml").toFile()).path("providers");
        String path = providers.path(0).path("options").path("path").asText();
        assertThat(mounts).as("the provider's path is where dashboards/json is mounted").containsEntry(path, "./dashboards/json");

        JsonNode ds = YAML.readTree(root.resolve("dashboards/provisioning/datasources/ballast.yaml").toFile()).path("datasources").path(0);
        assertThat(ds.path("uid").asText()).isEqualTo(DashboardQueriesTest.DATASOURCE_UID);
        assertThat(ds.path("type").asText()).isEqualTo("influxdb");
        assertThat(ds.path("jsonData").path("dbName").asText()).isEqualTo(BallastOptions.INFLUX_DATABASE.defaultValue());
        String urlVar = ds.path("url").asText().replaceAll("[${}]", "");
        assertThat(grafana.path("environment").path(urlVar).asText()).as("Grafana's %s", urlVar).isEqualTo("http://influxdb:8086");
        String home = grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        assertThat(root.resolve("dashboards/json").resolve(Path.of(path).relativize(Path.of(home)))).isRegularFile();
    }

    /** target/ paths must be what the module's pom builds: its jar (finalName or artifactId-version[-classifier]) or copied libs. */
    private static void assertBuildOutput(Path relative) throws IOException {
        Path module = relative.getName(0);
        String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
        String name = relative.getFileName().toString();
        if (name.endsWith(".jar")) {
            String finalName = tag(pom, "finalName");
            String artifactId = tag(pom.replaceFirst("(?s)<parent>.*?</parent>", ""), "artifactId");
            String version = tag(pom, "version");
            List<String> expected = new ArrayList<>();
            if (finalName != null) {
                expected.add(finalName + ".jar");
            }
            String base = artifactId + "-" + version;
            String classifier = tag(pom, "shadedClassifierName");
            expected.add(base + ".jar");
            expected.add(base + "-" + (classifier != null ? classifier : "job") + ".jar");
            assertThat(expected).as("%s is built by %s/pom.xml", relative, module).contains(name);
        } else {
            assertThat(pom).as("%s is produced by %s/pom.xml", relative, module)
                    .contains("<outputDirectory>${project.build.directory}/" + name + "</outputDirectory>");
        }
    }

    private static Path hostPathOf(JsonNode service, String containerPath) {
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length > 1 && parts[1].equals(containerPath)) {
                return root.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("no volume mounts " + containerPath);
    }

    private static String cliSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(root.resolve("cli/src/main/java/io/ballast/cli"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    /** Compose interpolation with every variable unset: defaults apply, bare ${VAR} is empty. */
    static String interpolate(String s) {
        Matcher m = INTERPOLATION.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1).trim() : null;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> listOrOne(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }
}
