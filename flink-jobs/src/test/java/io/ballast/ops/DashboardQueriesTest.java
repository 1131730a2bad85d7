package io.ballast.ops;

import io.ballast.embedded.junit.InfluxExtension;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.replay.Replay;
import io.ballast.jobs.replay.ReplaySummary;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.JsonLinesTraceWriter;
import io.ballast.sim.SimConfig;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No panel ships broken: a real InfluxDB is filled by replaying a simulator run (every default fault) through
 * the pipeline's own InfluxDB sinks, then every panel and annotation query of every dashboard, with its
 * template variables set from SHOW TAG VALUES, must return data.
 */
class DashboardQueriesTest {
    static final String DATABASE = "ballast";
    static final String DATASOURCE_UID = "ballast-influx";
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofMinutes(3));
    /** The whole trace plus the alert resolve delay that follows its end. */
    static final long FROM = SIM.startTs();
    static final long TO = SIM.endTs() + BallastOptions.ALERT_RESOLVE_AFTER.defaultValue().toMillis();

    @RegisterExtension
    static InfluxExtension influx = new InfluxExtension();

    @TempDir
    static Path dir;

    static InfluxDB db;

    @BeforeAll
    static void fillInfluxFromSimulatorRun() throws Exception {
        db = influx.database(DATABASE);
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.defaults());
        Path trace = dir.resolve("trace.jsonl.gz");
        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(trace)) {
            for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
                writer.write(it.next());
            }
        }
        Configuration conf = new Configuration();
        conf.set(BallastOptions.INFLUX_URL, influx.url());
        conf.set(BallastOptions.INFLUX_DATABASE, DATABASE);
        ReplaySummary summary = Replay.run(trace, dir.resolve("actions.jsonl"), dir.resolve("dead.jsonl"), conf);
        assertThat(summary.deadLetters()).isZero();
        assertThat(summary.actionsByType()).containsKeys("drain", "rollback", "alert");
    }

    @TestFactory
    List<DynamicTest> everyPanelAndAnnotationQueryReturnsData() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : GrafanaQueries.dashboards(dashboardDir())) {
            JsonNode dashboard = GrafanaQueries.read(file);
            Map<String, String> values = variableValues(dashboard);
            List<GrafanaQueries.Query> queries = GrafanaQueries.queries(dashboard);
            assertThat(queries).as("%s has queries", file).isNotEmpty();
            for (GrafanaQueries.Query q : queries) {
                String influxQl = GrafanaQueries.expand(q.text(), values, FROM, TO, "10s");
                tests.add(DynamicTest.dynamicTest(q.dashboard() + ": " + q.where(), () ->
                        assertThat(nonNullValues(run(influxQl))).as("%s %s returns data: %s", q.dashboard(), q.where(), influxQl)
                                .isPositive()));
            }
        }
        return tests;
    }

    @Test
    void dashboardsHaveStableUniqueUidsAndUseTheProvisionedDatasource() {
        Set<String> uids = new HashSet<>();
        for (Path file : GrafanaQueries.dashboards(dashboardDir())) {
            JsonNode d = GrafanaQueries.read(file);
            assertThat(d.path("uid").asText()).as("%s uid", file).startsWith("ballast-");
            assertThat(uids.add(d.path("uid").asText())).as("%s uid is unique", file).isTrue();
            assertThat(d.has("id") && !d.path("id").isNull()).as("%s carries no instance id", file).isFalse();
            for (JsonNode panel : GrafanaQueries.panels(d)) {
                assertThat(panel.path("datasource").path("uid").asText()).as("%s panel %s", file, panel.path("title")).isEqualTo(DATASOURCE_UID);
                for (JsonNode t : panel.path("targets")) {
                    assertThat(t.path("rawQuery").asBoolean()).as("%s panel %s is raw InfluxQL", file, panel.path("title")).isTrue();
                }
            }
        }
        assertThat(uids).contains("ballast-fleet", "ballast-gpu", "ballast-network", "ballast-moe", "ballast-training");
    }

    /** Each variable gets the first value its SHOW TAG VALUES query returns, in order, as Grafana's default selection. */
    private static Map<String, String> variableValues(JsonNode dashboard) {
        Map<String, String> values = new LinkedHashMap<>();
        for (GrafanaQueries.Variable v : GrafanaQueries.variables(dashboard)) {
            String query = GrafanaQueries.expand(v.query(), values, FROM, TO, "10s");
            QueryResult result = run(query);
            String first = result.getResults().stream().filter(r -> r.getSeries() != null).flatMap(r -> r.getSeries().stream())
                    .flatMap(s -> s.getValues().stream()).map(row -> Objects.toString(row.get(1))).findFirst().orElse(null);
            assertThat(first).as("variable $%s has values: %s", v.name(), query).isNotNull();
            values.put(v.name(), first);
        }
        return values;
    }

    private static QueryResult run(String influxQl) {
        QueryResult result = db.query(new Query(influxQl, DATABASE));
        assertThat(result.getError()).as(influxQl).isNull();
        result.getResults().forEach(r -> assertThat(r.getError()).as(influxQl).isNull());
        return result;
    }

    /** Cells other than the time column that hold a value. */
    private static long nonNullValues(QueryResult result) {
        long n = 0;
        for (QueryResult.Result r : result.getResults()) {
            for (QueryResult.Series s : r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    for (int i = 0; i < row.size(); i++) {
                        n += !"time".equals(s.getColumns().get(i)) && row.get(i) != null ? 1 : 0;
                    }
                }
            }
        }
        return n;
    }

    private static Path dashboardDir() {
        return RepoFiles.root().resolve("dashboards/json");
    }
}
