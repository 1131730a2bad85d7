package io.ballast.jobs.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A derived measurement for InfluxDB (MaxVio, counter rates, spike scores...): measurement, low-cardinality
 * tags, numeric fields, event time. A Flink POJO.
 */
public class Metric {
    public String measurement;
    public Map<String, String> tags = new LinkedHashMap<>();
    public Map<String, Double> fields = new LinkedHashMap<>();
    public long ts;

    public Metric() {}

    public static Metric of(String measurement, long ts) {
        Metric m = new Metric();
        m.measurement = measurement;
        m.ts = ts;
        return m;
    }

    public Metric tag(String key, Object value) {
        if (value != null) {
            tags.put(key, value.toString());
        }
        return this;
    }

    public Metric field(String key, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            fields.put(key, value);
        }
        return this;
    }
}
