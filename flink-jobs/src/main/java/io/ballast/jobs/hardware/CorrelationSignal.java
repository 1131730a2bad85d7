package io.ballast.jobs.hardware;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.NicPortFact;

import java.util.ArrayList;
import java.util.List;

/**
 * Input of the per-cluster correlation: NIC error activity on a port (with the port-level decisions the
 * rules took, held back until it is clear whether a switch explains them), or GPU-side host evidence.
 */
public class CorrelationSignal {
    public String cluster;
    public String node;
    public long ts;
    /** NIC side: the port's plane and leaf switch (either may be null). */
    public Integer plane;
    public String switchName;
    public boolean nicErrors;
    public List<Decision> portDecisions = new ArrayList<>();
    /** GPU side: e.g. "xid=79" or "pcie_replay"; null for NIC signals. */
    public String hostEvidence;

    public CorrelationSignal() {}

    /** NIC error activity on a port, with the decisions the port rules took on it. */
    static CorrelationSignal nic(NicPortFact fact, List<Decision> decisions) {
        CorrelationSignal s = new CorrelationSignal();
        s.cluster = fact.getCluster();
        s.node = fact.getNode();
        s.ts = fact.getTs();
        s.plane = fact.getPlane();
        s.switchName = fact.getSwitchName();
        s.nicErrors = fact.hasErrors();
        s.portDecisions.addAll(decisions);
        return s;
    }

    /** GPU-side evidence against the host, e.g. "xid=79" or "pcie_replay". */
    static CorrelationSignal host(String cluster, String node, String evidence, long ts) {
        CorrelationSignal s = new CorrelationSignal();
        s.cluster = cluster;
        s.node = node;
        s.ts = ts;
        s.hostEvidence = evidence;
        return s;
    }
}
