package io.ballast.rules.facts;

/** Errors confined to one (node, plane) port for a settled window: the cable or optic, not the node or switch. */
public class SinglePortFact {
    private String cluster;
    private String node;
    private int plane;
    private String switchName;
    private String incidentId;
    private long firstTs;
    private long ts;

    public SinglePortFact() {}

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public int getPlane() { return plane; }
    public void setPlane(int plane) { this.plane = plane; }
    public String getSwitchName() { return switchName; }
    public void setSwitchName(String switchName) { this.switchName = switchName; }
    public String getIncidentId() { return incidentId; }
    public void setIncidentId(String incidentId) { this.incidentId = incidentId; }
    public long getFirstTs() { return firstTs; }
    public void setFirstTs(long firstTs) { this.firstTs = firstTs; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }

    @Override
    public String toString() {
        return "SinglePortFact{cluster=" + cluster + ", node=" + node + ", plane=" + plane + ", switchName=" + switchName + ", incidentId=" + incidentId + ", firstTs=" + firstTs + ", ts=" + ts + "}";
    }
}
