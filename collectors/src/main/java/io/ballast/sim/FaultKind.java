package io.ballast.sim;

/** The incidents the simulator can script, each with the pipeline's expected reaction in its Javadoc. */
public enum FaultKind {
    /** Xid 79, GPU fell off the bus: drain the node. */
    XID_79("xid79"),
    /** Uncorrectable ECC error plus a failed row remap, Xid 48 and 64: drain the node. */
    ECC_DBE_REMAP_FAILURE("ecc-dbe"),
    /** Application Xids 13 and 31: no drain. */
    APP_XID("app-xid"),
    /** Link errors on one plane on several nodes behind one leaf switch: one switch alert, no drains. */
    LEAF_SWITCH("leaf-switch"),
    /** Failed SDC check on a node, then a persistent loss spike: rollback before the SDC, drain the node. */
    SDC_LOSS_SPIKE("sdc-spike"),
    /** Router skewed so one expert gets ~3x its share: bias updates lower its bias. */
    HOT_EXPERT("hot-expert"),
    /** Node reboot: new boot_id, NIC counters restart from 0: silence. */
    NODE_REBOOT("reboot"),
    /** A checkpoint with status failed: never a rollback target. */
    FAILED_CHECKPOINT("failed-ckpt");

    private final String slug;

    FaultKind(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
