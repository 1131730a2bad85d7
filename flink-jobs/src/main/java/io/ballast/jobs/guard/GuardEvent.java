package io.ballast.jobs.guard;

import io.ballast.jobs.hardware.NodePresence;
import io.ballast.rules.Decision;

/** Input of the per-cluster action router: a decision to act on, or a node joining or leaving (fleet size for the guard). */
public class GuardEvent {
    public Decision decision;
    public NodePresence presence;

    public GuardEvent() {}

    public static GuardEvent of(Decision d) {
        GuardEvent e = new GuardEvent();
        e.decision = d;
        return e;
    }

    public static GuardEvent of(NodePresence s) {
        GuardEvent e = new GuardEvent();
        e.presence = s;
        return e;
    }
}
