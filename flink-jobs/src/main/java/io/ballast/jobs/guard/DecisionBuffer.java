package io.ballast.jobs.guard;

import io.ballast.rules.Decision;

import java.util.ArrayList;
import java.util.List;

/** Decisions and fleet changes of one event-time instant, waiting for the watermark. A Flink POJO. */
public class DecisionBuffer {
    public List<Decision> decisions = new ArrayList<>();
    /** Nodes that started reporting, and nodes whose state expired, at this instant. */
    public int joined;
    public int left;

    public DecisionBuffer() {}
}
