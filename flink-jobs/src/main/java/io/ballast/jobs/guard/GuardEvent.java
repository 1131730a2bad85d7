package io.ballast.jobs.guard;

import io.ballast.jobs.hardware.NodeSeen;
import io.ballast.rules.Decision;

/** Input of the per-cluster action router: a decision to act on, or a node seen (fleet size for the guard). */
public class GuardEvent {
    public Decision decision;
    public NodeSeen seen;

    public GuardEvent() {}

    public static GuardEvent of(Decision d) {
        GuardEvent e = new GuardEvent();
        e.decision = d;
        return e;
    }

    public static GuardEvent of(NodeSeen s) {
        GuardEvent e = new GuardEvent();
        e.seen = s;
        return e;
    }
}
