package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

/** An alert on its way out, with when it started firing (a resolved alert's own ts is its end). */
public record Notification(Alert alert, long startsAt) {
    public boolean firing() {
        return !"resolved".equals(alert.getStatus());
    }
}
