package io.ballast.rules.hardware;

/** Pipeline class of an Xid (domain.md §3.2, "Pipeline class"); the rules decide what each class does. */
public enum XidClass {
    /** Raised by the application: never drains. */
    APP,
    /** Secondary to another Xid: act on the primary. */
    SYMPATHETIC,
    /** Informational or a trend signal. */
    INFO,
    /** NVIDIA's immediate action is a GPU reset: take the node out of service to reset it. */
    RESET_GPU,
    /** NVIDIA's immediate action is a bare-metal reboot. */
    RESTART_BM,
    /** Hardware needing service or replacement. */
    RMA,
    /** Double-bit ECC: reset; drain with a remap failure or when it recurs. */
    ECC_DBE,
    /** NVLink error: drains when it recurs within a window. */
    NVLINK,
    /** Not in the catalog: escalate, never ignore, never drain. */
    UNKNOWN
}
