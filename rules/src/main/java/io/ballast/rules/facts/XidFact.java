package io.ballast.rules.facts;

import io.ballast.events.Xid;
import io.ballast.rules.hardware.XidCatalog;
import io.ballast.rules.hardware.XidClass;

/**
 * One Xid event resolved against the versioned catalog, with how often it recurred on this GPU in the window.
 * Built per event by the job; rules match on {@code xidClass} (an {@link XidClass} name).
 */
public class XidFact {
    private String cluster;
    private String node;
    private Integer gpu;
    private int xid;
    private String mnemonic;
    private String xidClass;
    private String action;
    private String catalogVersion;
    private int countInWindow = 1;
    private long ts;
    private String message;

    public XidFact() {}

    /** Resolves one Xid against the catalog; {@code countInWindow} comes from {@link io.ballast.rules.hardware.XidRecurrence}. */
    public static XidFact of(String cluster, String node, Integer gpu, int xid, long ts, String message,
                             XidCatalog catalog, int countInWindow) {
        XidCatalog.Entry entry = catalog.lookup(xid);
        XidFact f = new XidFact();
        f.cluster = Clusters.orDefault(cluster);
        f.node = node;
        f.gpu = gpu;
        f.xid = xid;
        f.mnemonic = entry.mnemonic();
        f.xidClass = entry.xidClass().name();
        f.action = entry.action();
        f.catalogVersion = catalog.version();
        f.countInWindow = countInWindow;
        f.ts = ts;
        f.message = message;
        return f;
    }

    /** Builds the fact from the contract event. */
    public static XidFact from(Xid event, XidCatalog catalog, int countInWindow) {
        return of(event.getCluster(), event.getNode(), event.getGpu(), event.getXid(), event.getTs(),
                event.getMessage(), catalog, countInWindow);
    }

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    /** GPU index; null when the PCI bus id was not resolved. */
    public Integer getGpu() { return gpu; }
    public void setGpu(Integer gpu) { this.gpu = gpu; }
    public int getXid() { return xid; }
    public void setXid(int xid) { this.xid = xid; }
    public String getMnemonic() { return mnemonic; }
    public void setMnemonic(String mnemonic) { this.mnemonic = mnemonic; }
    /** An XidClass name, e.g. RESET_GPU. */
    public String getXidClass() { return xidClass; }
    public void setXidClass(String xidClass) { this.xidClass = xidClass; }
    /** The decision name from the catalog, e.g. gpu_fallen_off_bus. */
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getCatalogVersion() { return catalogVersion; }
    public void setCatalogVersion(String catalogVersion) { this.catalogVersion = catalogVersion; }
    /** This Xid on this GPU within the recurrence window, this one included. */
    public int getCountInWindow() { return countInWindow; }
    public void setCountInWindow(int countInWindow) { this.countInWindow = countInWindow; }
    public long getTs() { return ts; }
    public void setTs(long ts) { this.ts = ts; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }


    /** Evidence lines for a decision about this Xid. */
    public String[] evidence() {
        return new String[] {"xid=" + xid, "mnemonic=" + mnemonic, "class=" + xidClass,
            "xid_catalog=" + catalogVersion, "count_in_window=" + countInWindow, "message=" + message};
    }

    @Override
    public String toString() {
        return "XidFact{cluster=" + cluster + ", node=" + node + ", gpu=" + gpu + ", xid=" + xid + ", mnemonic=" + mnemonic + ", xidClass=" + xidClass + ", action=" + action + ", catalogVersion=" + catalogVersion + ", countInWindow=" + countInWindow + ", ts=" + ts + ", message=" + message + "}";
    }
}
