package io.ballast.logic.stability;

import java.util.List;

/**
 * What the SDC tracker suggests for a node.
 *
 * @param kind NONE, SUSPECT (failed check, node watched), DRAIN (repeated failures without a spike),
 *     ROLLBACK_AND_DRAIN (a failed check and a spike on a job of this node within the suspect window)
 * @param job the spiking job for ROLLBACK_AND_DRAIN, else null
 * @param evidence the failed checks behind it, for the planner and the drain action
 */
public record SdcVerdict(Kind kind, String node, String job, String reason, List<Evidence> evidence) {

    /** Suggestions, mildest first. */
    public enum Kind { NONE, SUSPECT, DRAIN, ROLLBACK_AND_DRAIN }

    public static SdcVerdict none(String node) {
        return new SdcVerdict(Kind.NONE, node, null, "", List.of());
    }
}
