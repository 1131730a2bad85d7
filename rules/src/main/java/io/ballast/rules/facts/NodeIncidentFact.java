package io.ballast.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** One node's NIC errors point at the node itself: errors on several planes, or NIC errors with GPU evidence. */
public class NodeIncidentFact {
    private String cluster;
    private String node;
    private List<Integer> planes = new ArrayList<>();
    private List<String> hostEvidence = new ArrayList<>();
    private String reason;
    private String incidentId;
    private long ts;

    public NodeIncidentFact() {}

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    /** Planes with errors not explained by a switch incident, sorted. */
    public List<Integer> getPlanes() { return planes; }
    public void setPlanes(List<Integer> planes) { this.planes = planes; }
    /** GPU-side evidence seen in the window, e.g. xid=79, pcie_replay. */
    public List<String> getHostEvidence() { return hostEvidence; }
    public void setHostEvidence(List<String> hostEvidence) { this.hostEvidence = hostEvidence; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getIncidentId() { return incidentId; }
    public void setIncidentId(String incidentId) { this.incidentId = incidentId; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }

    @Override
    public String toString() {
        return "NodeIncidentFact{cluster=" + cluster + ", node=" + node + ", planes=" + planes + ", hostEvidence=" + hostEvidence + ", reason=" + reason + ", incidentId=" + incidentId + ", ts=" + ts + "}";
    }
}
