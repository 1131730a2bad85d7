package io.ballast.logic.stability;

/**
 * A hardware or SDC signal on one of a job's nodes, supplied by the lead from its hardware streams.
 *
 * @param step the training step it belongs to when the source knows it (sdc_check), else null
 */
public record Evidence(Kind kind, String node, long ts, Long step, String description) {

    /** Signal families that can precede a corrupted training state. */
    public enum Kind { SDC_FAILED, XID, ECC, NIC }

    /** One readable line for the rollback's {@code evidence} array. */
    public String describe() {
        return kind + " on " + node + " at ts " + ts + (step == null ? "" : " (step " + step + ")") + ": "
                + description;
    }
}
