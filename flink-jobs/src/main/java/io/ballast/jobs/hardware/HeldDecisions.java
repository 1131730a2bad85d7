package io.ballast.jobs.hardware;

import io.ballast.rules.Decision;

import java.util.ArrayList;
import java.util.List;

/** Port-level decisions waiting to learn whether a switch incident explains them. A Flink POJO. */
public class HeldDecisions {
    public List<Held> items = new ArrayList<>();

    public HeldDecisions() {}

    /** One held decision and the port's plane and switch. */
    public static class Held {
        public Decision decision;
        public Integer plane;
        public String switchName;
        public long ts;

        public Held() {}
    }
}
