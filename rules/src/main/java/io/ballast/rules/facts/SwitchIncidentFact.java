package io.ballast.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** Several nodes on one (plane, leaf switch) showed NIC errors in one window: a switch fault, not theirs. */
public class SwitchIncidentFact {
    private String cluster;
    private int plane;
    private String switchName;
    private List<String> nodes = new ArrayList<>();
    private String incidentId;
    private long openedTs;
    private long ts;

    public SwitchIncidentFact() {}

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public int getPlane() { return plane; }
    public void setPlane(int plane) { this.plane = plane; }
    public String getSwitchName() { return switchName; }
    public void setSwitchName(String switchName) { this.switchName = switchName; }
    /** Nodes with errors when the incident opened, sorted. */
    public List<String> getNodes() { return nodes; }
    public void setNodes(List<String> nodes) { this.nodes = nodes; }
    /** Deterministic: same inputs replayed give the same id. */
    public String getIncidentId() { return incidentId; }
    public void setIncidentId(String incidentId) { this.incidentId = incidentId; }
    public long getOpenedTs() { return openedTs; }
    public void setOpenedTs(long openedTs) { this.openedTs = openedTs; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }

    @Override
    public String toString() {
        return "SwitchIncidentFact{cluster=" + cluster + ", plane=" + plane + ", switchName=" + switchName + ", nodes=" + nodes + ", incidentId=" + incidentId + ", openedTs=" + openedTs + ", ts=" + ts + "}";
    }
}
