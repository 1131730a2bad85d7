package io.ballast.sim;

/**
 * What the pipeline should do about an injected fault, in a form a test or the demo can check against its actions.
 * Only the fields that matter for the kind are set.
 */
public record Expectation(Kind kind, String node, String job, String switchName, Integer plane, Integer layer,
                          Integer expert, Long step) {

    /** The checkable outcomes. */
    public enum Kind {
        /** A drain of {@code node}. */
        DRAIN,
        /** No drain of {@code node}. */
        NO_DRAIN,
        /** One alert naming {@code switchName} and {@code plane}. */
        SWITCH_ALERT,
        /** A rollback of {@code job} to a saved checkpoint whose step is {@code step} (the newest saved one before the trouble). */
        ROLLBACK,
        /** Bias updates for {@code job}/{@code layer} that lower the bias of {@code expert}. */
        BIAS_LOWERED,
        /** No alert and no drain about {@code node}. */
        SILENT,
        /** No rollback of {@code job} targets the checkpoint at {@code step}. */
        NOT_ROLLBACK_TARGET
    }

    public static Expectation drain(String node) {
        return new Expectation(Kind.DRAIN, node, null, null, null, null, null, null);
    }

    public static Expectation noDrain(String node) {
        return new Expectation(Kind.NO_DRAIN, node, null, null, null, null, null, null);
    }

    public static Expectation switchAlert(String switchName, int plane) {
        return new Expectation(Kind.SWITCH_ALERT, null, null, switchName, plane, null, null, null);
    }

    public static Expectation rollback(String job, Long targetStep) {
        return new Expectation(Kind.ROLLBACK, null, job, null, null, null, null, targetStep);
    }

    public static Expectation biasLowered(String job, int layer, int expert) {
        return new Expectation(Kind.BIAS_LOWERED, null, job, null, null, layer, expert, null);
    }

    public static Expectation silent(String node) {
        return new Expectation(Kind.SILENT, node, null, null, null, null, null, null);
    }

    public static Expectation notRollbackTarget(String job, long step) {
        return new Expectation(Kind.NOT_ROLLBACK_TARGET, null, job, null, null, null, null, step);
    }

    /** Short human-readable form, e.g. {@code DRAIN gpu-node-010}. */
    public String describe() {
        return switch (kind) {
            case DRAIN, NO_DRAIN, SILENT -> kind + " " + node;
            case SWITCH_ALERT -> "SWITCH_ALERT " + switchName + " plane " + plane;
            case ROLLBACK -> "ROLLBACK " + job + " to step " + (step == null ? "none (no saved checkpoint)" : step);
            case BIAS_LOWERED -> "BIAS_LOWERED " + job + " layer " + layer + " expert " + expert;
            case NOT_ROLLBACK_TARGET -> "NOT_ROLLBACK_TARGET " + job + " step " + step;
        };
    }
}
