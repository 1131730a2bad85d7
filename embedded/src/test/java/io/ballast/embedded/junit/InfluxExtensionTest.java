package io.ballast.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfluxExtensionTest {
    @RegisterExtension
    static InfluxExtension influx = new InfluxExtension();

    @Test
    void databaseHelperGivesAnEmptyWritableDatabase() {
        try (InfluxDB db = influx.database("ext_test")) {
            db.write("cpu,host=a value=1 1000000000");
        }
        try (InfluxDB again = influx.database("ext_test")) {
            QueryResult result = again.query(new Query("SELECT count(value) FROM cpu", "ext_test"));
            assertThat(result.getResults().get(0).getSeries()).as("recreated database is empty").isNull();
        }
    }

    @Test
    void pointsWrittenThroughTheClientAreQueryable() {
        try (InfluxDB db = influx.database("ext_test2")) {
            db.write("cpu,host=a value=3 1000000000");
            QueryResult result = db.query(new Query("SELECT value FROM cpu WHERE host='a'", "ext_test2"));
            assertThat(result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).isEqualTo(3.0);
        }
    }
}
