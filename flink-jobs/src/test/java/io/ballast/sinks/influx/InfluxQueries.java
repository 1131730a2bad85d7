package io.ballast.sinks.influx;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** InfluxQL reads for the sink tests: rows of a query, times in epoch milliseconds. */
final class InfluxQueries {
    private InfluxQueries() {}

    static List<List<Object>> rows(InfluxDB client, String database, String influxQl) {
        QueryResult result = client.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
        if (result.hasError() || result.getResults().get(0).hasError()) {
            throw new AssertionError("query failed: " + influxQl + ": " + result);
        }
        List<QueryResult.Series> series = result.getResults().get(0).getSeries();
        return series == null ? List.of() : series.stream().flatMap(s -> s.getValues().stream()).toList();
    }

    static long count(InfluxDB client, String database, String measurement, String field) {
        List<List<Object>> rows = rows(client, database, "SELECT count(\"" + field + "\") FROM \"" + measurement + "\"");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }
}
