package io.ballast.rules.hardware;

/** The drain guard's answer: allow the drain, suppress it (becomes a drain_suppressed alert), or a duplicate. */
public record DrainVerdict(Outcome outcome, String reason) {
    /** ALLOW: emit the drain. SUPPRESS: emit a drain_suppressed alert instead. DUPLICATE: already drained, emit nothing. */
    public enum Outcome { ALLOW, SUPPRESS, DUPLICATE }

    public static DrainVerdict allow() {
        return new DrainVerdict(Outcome.ALLOW, "");
    }

    public static DrainVerdict suppress(String reason) {
        return new DrainVerdict(Outcome.SUPPRESS, reason);
    }

    public static DrainVerdict duplicate(String reason) {
        return new DrainVerdict(Outcome.DUPLICATE, reason);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
