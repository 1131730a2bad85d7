package io.ballast.jobs.stability;

import io.ballast.logic.stability.Evidence;

/**
 * A hardware or SDC sign of trouble on a node (failed sdc_check, drain-worthy Xid, ECC or NIC fault),
 * broadcast to the stability operator so a spike on any job running there can be tied to it.
 */
public class NodeEvidence {
    public String cluster;
    public String node;
    /** One of {@link Evidence.Kind}. */
    public String kind;
    public long ts;
    public Long step;
    public String description;

    public NodeEvidence() {}

    public NodeEvidence(String cluster, String node, Evidence.Kind kind, long ts, Long step, String description) {
        this.cluster = cluster;
        this.node = node;
        this.kind = kind.name();
        this.ts = ts;
        this.step = step;
        this.description = description;
    }

    Evidence toEvidence() {
        return new Evidence(Evidence.Kind.valueOf(kind), node, ts, step, description);
    }
}
