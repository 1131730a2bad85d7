package io.ballast.jobs.guard;

import java.util.Map;
import java.util.TreeMap;

/** An alert condition that fired and has not resolved yet. A Flink POJO. */
public class FiringAlert {
    public String name;
    public String severity;
    public String summary;
    public Map<String, String> labels = new TreeMap<>();
    public long lastSeen;

    public FiringAlert() {}
}
