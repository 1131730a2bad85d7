package io.ballast.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads provisioned Grafana dashboards: their template variables, panel queries and annotation queries, and
 * expands Grafana's InfluxQL macros the way Grafana does for single-valued variables.
 */
final class GrafanaQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");

    /** One query of a dashboard; {@code where} names it in test output. */
    record Query(String dashboard, String where, String text) {}

    /** A template variable whose values come from a query. */
    record Variable(String name, String query) {}

    private GrafanaQueries() {}

    static List<Path> dashboards(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse dashboard " + file, e);
        }
    }

    static List<Variable> variables(JsonNode dashboard) {
        List<Variable> vars = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            vars.add(new Variable(v.path("name").asText(), queryText(v.path("query"))));
        }
        return vars;
    }

    /** Every panel target (rows included) and every annotation query except Grafana's built-in one. */
    static List<Query> queries(JsonNode dashboard) {
        String title = dashboard.path("title").asText();
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Query(title, "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        queryText(target.path("query"))));
            }
        }
        for (JsonNode a : dashboard.path("annotations").path("list")) {
            if (!a.path("builtIn").asBoolean(false)) {
                String text = a.has("query") ? a.path("query").asText() : a.path("target").path("query").asText();
                out.add(new Query(title, "annotation '" + a.path("name").asText() + "'", text));
            }
        }
        return out;
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add); // collapsed rows hold their panels
        }
        return out;
    }

    /** Replaces $timeFilter, $__interval and $var / ${var} / [[var]]; an unknown variable is an error. */
    static String expand(String query, Map<String, String> values, long fromMs, long toMs, String interval) {
        String q = query.replace("$timeFilter", "time >= " + fromMs + "ms and time <= " + toMs + "ms")
                .replace("$__interval_ms", "10000").replace("$__interval", interval);
        Matcher m = VARIABLE.matcher(q);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (name.startsWith("tag_")) { // alias patterns like $tag_node belong to the legend, not the query
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("query uses undefined variable $" + name + ": " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String queryText(JsonNode query) {
        return query.isObject() ? query.path("query").asText() : query.asText();
    }
}
