package io.ballast.jobs.guard;

import io.ballast.rules.Decision;

import java.util.ArrayList;
import java.util.List;

/** Decisions of one event-time instant, waiting for the watermark. A Flink POJO. */
public class DecisionBuffer {
    public List<Decision> decisions = new ArrayList<>();

    public DecisionBuffer() {}
}
