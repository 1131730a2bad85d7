package io.ballast.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every alert or drain name the code and the rule files can raise has an entry in docs/runbook.md. */
class RunbookTest {
    private static final Pattern JAVA_ALERT = Pattern.compile("(?:Alerts\\.of|\\bfire)\\(\"([a-z0-9_]+)\"");
    private static final Pattern JAVA_DECISION = Pattern.compile("new Decision\\(Decision\\.Kind\\.\\w+, \"([a-z0-9_]+)\"");
    private static final Pattern FINDING = Pattern.compile("new AlertFinding\\((\\w+),");
    private static final Pattern DRL_CALL = Pattern.compile("out\\.(alert|alertOn|drain)\\(");
    private static final Pattern ENTRY = Pattern.compile("(?m)^(?:### `?([a-z0-9_]+)`?\\s*$|\\| `([a-z0-9_]+)` \\|)");

    @Test
    void everyAlertNameHasARunbookEntry() throws IOException {
        Set<String> names = alertNames();
        assertThat(names).as("names found in code").contains("drain_suppressed", "switch_incident", "moe_dead_expert", "gpu_fallen_off_bus");
        assertThat(runbookEntries()).containsAll(names);
    }

    @Test
    void findsNamesInRuleFilesIncludingCatalogActions() throws IOException {
        assertThat(drlNames(Files.readString(RepoFiles.root().resolve("rules/src/main/resources/io/ballast/rules/hardware/correlation.drl"))))
                .contains("switch_incident", "node_incident", "cable_or_optic").doesNotContain("/plane-");
    }

    static Set<String> alertNames() throws IOException {
        Path root = RepoFiles.root();
        Set<String> names = new TreeSet<>();
        for (Path f : files(root.resolve("flink-jobs/src/main/java"), ".java")) {
            String src = Files.readString(f);
            collect(JAVA_ALERT.matcher(src), names);
            collect(JAVA_DECISION.matcher(src), names);
            Matcher m = FINDING.matcher(src);
            while (m.find()) {
                Matcher constant = Pattern.compile("String " + m.group(1) + " = \"([a-z0-9_]+)\"").matcher(src);
                assertThat(constant.find()).as("constant %s in %s", m.group(1), f).isTrue();
                names.add(constant.group(1));
            }
        }
        for (Path f : files(root.resolve("rules/src/main/resources"), ".drl")) {
            names.addAll(drlNames(Files.readString(f)));
        }
        return names;
    }

    /** The name is the call's fourth argument; {@code $x.getAction()} stands for every action of the Xid catalog. */
    static Set<String> drlNames(String drl) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = DRL_CALL.matcher(drl);
        while (m.find()) {
            String name = arguments(drl, m.end()).get(3).trim();
            if (name.startsWith("\"")) {
                names.add(name.substring(1, name.length() - 1));
            } else {
                assertThat(name).as("dynamic alert name").endsWith(".getAction()");
                names.addAll(catalogActions());
            }
        }
        return names;
    }

    private static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth-- == 0) {
                break;
            } else if (!quoted && c == ',' && depth == 0) {
                args.add(arg.toString());
                arg.setLength(0);
                continue;
            }
            arg.append(c);
        }
        args.add(arg.toString());
        return args;
    }

    private static Set<String> catalogActions() throws IOException {
        Set<String> actions = new TreeSet<>();
        List<String> lines = Files.readAllLines(RepoFiles.root().resolve("rules/src/main/resources/io/ballast/rules/xid-catalog.csv"));
        lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("xid,")).forEach(l -> actions.add(l.split(",")[3].trim()));
        return actions;
    }

    private static Set<String> runbookEntries() throws IOException {
        Set<String> entries = new TreeSet<>();
        Matcher m = ENTRY.matcher(Files.readString(RepoFiles.root().resolve("docs/runbook.md")));
        while (m.find()) {
            entries.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return entries;
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
