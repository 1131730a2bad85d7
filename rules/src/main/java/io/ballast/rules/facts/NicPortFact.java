package io.ballast.rules.facts;

import io.ballast.events.NicCounters;
import io.ballast.rules.hardware.CounterDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * One NIC port's error deltas and rates between two samples, with its topology (plane, leaf switch).
 * Counter names follow the IB PortCounters (domain.md §4.2).
 */
public class NicPortFact {
    private String cluster;
    private String node;
    private String device;
    private int port;
    private Integer plane;
    private String switchName;
    private long ts;
    private long linkDownedDelta;
    private long linkErrorRecoveryDelta;
    private double symbolErrorsPerMin;
    private double rcvErrorsPerMin;
    private long remotePhysicalErrorsDelta;
    private long xmitDiscardsDelta;
    private List<String> saturatedCounters = new ArrayList<>();

    public NicPortFact() {}

    /** Builds the fact from a counter sample and the delta its tracker computed. */
    public static NicPortFact from(NicCounters sample, CounterDelta delta) {
        NicPortFact f = new NicPortFact();
        f.cluster = Clusters.orDefault(sample.getCluster());
        f.node = sample.getNode();
        f.device = sample.getDevice();
        f.port = sample.getPort();
        f.plane = sample.getPlane();
        f.switchName = sample.getSwitch$();
        f.ts = sample.getTs();
        f.linkDownedDelta = delta.delta("link_downed");
        f.linkErrorRecoveryDelta = delta.delta("link_error_recovery");
        f.symbolErrorsPerMin = delta.ratePerMinute("symbol_error");
        f.rcvErrorsPerMin = delta.ratePerMinute("port_rcv_errors");
        f.remotePhysicalErrorsDelta = delta.delta("port_rcv_remote_physical_errors");
        f.xmitDiscardsDelta = delta.delta("port_xmit_discards");
        f.saturatedCounters = new ArrayList<>(delta.getSaturatedCounters());
        return f;
    }

    /** True when any error counter moved: input to {@link io.ballast.rules.hardware.SwitchCorrelator}. */
    public boolean hasErrors() {
        return linkDownedDelta > 0 || linkErrorRecoveryDelta > 0 || symbolErrorsPerMin > 0 || rcvErrorsPerMin > 0;
    }

    /** The port as operators name it, e.g. mlx5_3/1. */
    public String portName() {
        return device + "/" + port;
    }

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getDevice() { return device; }
    public void setDevice(String device) { this.device = device; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public Integer getPlane() { return plane; }
    public void setPlane(Integer plane) { this.plane = plane; }
    /** Leaf switch the port is cabled to; null when unknown. */
    public String getSwitchName() { return switchName; }
    public void setSwitchName(String switchName) { this.switchName = switchName; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }
    public long getLinkDownedDelta() { return linkDownedDelta; }
    public void setLinkDownedDelta(long linkDownedDelta) { this.linkDownedDelta = linkDownedDelta; }
    public long getLinkErrorRecoveryDelta() { return linkErrorRecoveryDelta; }
    public void setLinkErrorRecoveryDelta(long linkErrorRecoveryDelta) { this.linkErrorRecoveryDelta = linkErrorRecoveryDelta; }
    public double getSymbolErrorsPerMin() { return symbolErrorsPerMin; }
    public void setSymbolErrorsPerMin(double symbolErrorsPerMin) { this.symbolErrorsPerMin = symbolErrorsPerMin; }
    public double getRcvErrorsPerMin() { return rcvErrorsPerMin; }
    public void setRcvErrorsPerMin(double rcvErrorsPerMin) { this.rcvErrorsPerMin = rcvErrorsPerMin; }
    public long getRemotePhysicalErrorsDelta() { return remotePhysicalErrorsDelta; }
    public void setRemotePhysicalErrorsDelta(long remotePhysicalErrorsDelta) { this.remotePhysicalErrorsDelta = remotePhysicalErrorsDelta; }
    public long getXmitDiscardsDelta() { return xmitDiscardsDelta; }
    public void setXmitDiscardsDelta(long xmitDiscardsDelta) { this.xmitDiscardsDelta = xmitDiscardsDelta; }
    /** Error counters stuck at their maximum: no new information until reset. */
    public List<String> getSaturatedCounters() { return saturatedCounters; }
    public void setSaturatedCounters(List<String> saturatedCounters) { this.saturatedCounters = saturatedCounters; }


    /** Evidence lines for a decision about this port. */
    public String[] evidence() {
        return new String[] {"port=" + portName(), "plane=" + plane, "switch=" + switchName,
            "link_downed_delta=" + linkDownedDelta, "link_error_recovery_delta=" + linkErrorRecoveryDelta,
            "symbol_errors_per_min=" + symbolErrorsPerMin, "rcv_errors_per_min=" + rcvErrorsPerMin,
            "remote_physical_errors_delta=" + remotePhysicalErrorsDelta, "xmit_discards_delta=" + xmitDiscardsDelta,
            "saturated=" + saturatedCounters};
    }

    @Override
    public String toString() {
        return "NicPortFact{cluster=" + cluster + ", node=" + node + ", device=" + device + ", port=" + port + ", plane=" + plane + ", switchName=" + switchName + ", ts=" + ts + ", linkDownedDelta=" + linkDownedDelta + ", linkErrorRecoveryDelta=" + linkErrorRecoveryDelta + ", symbolErrorsPerMin=" + symbolErrorsPerMin + ", rcvErrorsPerMin=" + rcvErrorsPerMin + ", remotePhysicalErrorsDelta=" + remotePhysicalErrorsDelta + ", xmitDiscardsDelta=" + xmitDiscardsDelta + ", saturatedCounters=" + saturatedCounters + "}";
    }
}
