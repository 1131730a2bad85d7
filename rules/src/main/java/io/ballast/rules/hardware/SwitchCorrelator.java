package io.ballast.rules.hardware;

import io.ballast.rules.facts.NodeIncidentFact;
import io.ballast.rules.facts.SinglePortFact;
import io.ballast.rules.facts.SwitchIncidentFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keyed state (one per cluster) telling switch faults from node faults and cable faults (domain.md §2.2, §4.5):
 * k+ nodes with NIC errors on one (plane, leaf switch) in window W is one switch incident and those nodes are not
 * blamed for it; errors on 2+ planes of one node, or NIC errors plus GPU evidence, is a node incident; errors that stay
 * on one port past a settle time point at the cable or optic. Each incident is reported once while it stays open.
 * Flink POJO; call {@link #evaluate} after observations and from a timer (single-port verdicts need time to settle).
 */
public class SwitchCorrelator {
    /** Correlation window and thresholds; defaults from domain.md §4.4/§4.5 (5-minute health-check cadence). */
    public record Config(long windowMs, int switchNodeThreshold, long singlePortSettleMs) {
        public static final Config DEFAULTS = new Config(5 * 60_000L, 4, 5 * 60_000L);

        public Config {
            if (windowMs <= 0 || singlePortSettleMs < 0 || switchNodeThreshold < 2) {
                throw new IllegalArgumentException("correlation config needs windowMs > 0, settle >= 0 and a switch "
                        + "threshold of at least 2 nodes, got " + windowMs + "/" + singlePortSettleMs + "/"
                        + switchNodeThreshold);
            }
        }
    }

    /** What one evaluation newly found; each list holds only incidents that opened in this call. */
    public record Correlation(List<SwitchIncidentFact> switchIncidents, List<NodeIncidentFact> nodeIncidents,
                              List<SinglePortFact> singlePorts) {
        public boolean isEmpty() {
            return switchIncidents.isEmpty() && nodeIncidents.isEmpty() && singlePorts.isEmpty();
        }
    }

    private static final String SEP = "\t";
    private static final int UNKNOWN_PLANE = -1;

    private long windowMs = Config.DEFAULTS.windowMs();
    private int switchNodeThreshold = Config.DEFAULTS.switchNodeThreshold();
    private long singlePortSettleMs = Config.DEFAULTS.singlePortSettleMs();
    /** node TAB plane TAB switch -> first / last error time in the current run of errors. */
    private Map<String, Long> portFirstSeen = new TreeMap<>();
    private Map<String, Long> portLastSeen = new TreeMap<>();
    /** node TAB evidence -> last time seen. */
    private Map<String, Long> hostEvidence = new TreeMap<>();
    private Map<String, Long> openSwitchIncidents = new TreeMap<>();
    private Map<String, Long> openNodeIncidents = new TreeMap<>();
    private Map<String, Long> openSinglePorts = new TreeMap<>();

    public SwitchCorrelator() {}

    public SwitchCorrelator(Config config) {
        this.windowMs = config.windowMs();
        this.switchNodeThreshold = config.switchNodeThreshold();
        this.singlePortSettleMs = config.singlePortSettleMs();
    }

    /** A port of {@code node} showed an error delta at {@code ts}; plane or switch may be unknown (null). */
    public void observeNicErrors(String node, Integer plane, String switchName, long ts) {
        String key = node + SEP + (plane == null ? UNKNOWN_PLANE : plane) + SEP + (switchName == null ? "" : switchName);
        portFirstSeen.merge(key, ts, Math::min);
        portLastSeen.merge(key, ts, Math::max);
    }

    /** GPU-side evidence on {@code node} (e.g. "xid=79", "pcie_replay") that turns NIC errors into a node incident. */
    public void observeHostEvidence(String node, String evidence, long ts) {
        hostEvidence.merge(node + SEP + evidence, ts, Math::max);
    }

    /** Expires old observations, closes incidents that went quiet, and returns incidents that opened now. */
    public Correlation evaluate(String cluster, long now) {
        expire(now);
        List<SwitchIncidentFact> switches = openSwitchIncidents(cluster, now);
        List<NodeIncidentFact> nodes = openNodeIncidents(cluster, now);
        List<SinglePortFact> ports = openSinglePorts(cluster, now);
        return new Correlation(switches, nodes, ports);
    }

    /** True while an open switch incident explains errors on this (plane, switch): do not drain for them. */
    public boolean explainedBySwitch(Integer plane, String switchName) {
        return plane != null && switchName != null && openSwitchIncidents.containsKey(plane + SEP + switchName);
    }

    private void expire(long now) {
        long horizon = now - windowMs;
        portLastSeen.entrySet().removeIf(e -> e.getValue() <= horizon);
        portFirstSeen.keySet().retainAll(portLastSeen.keySet());
        hostEvidence.entrySet().removeIf(e -> e.getValue() <= horizon);
        Set<String> liveSwitches = new TreeSet<>();
        Set<String> liveNodes = new TreeSet<>();
        for (String key : portLastSeen.keySet()) {
            String[] p = key.split(SEP, -1);
            liveNodes.add(p[0]);
            liveSwitches.add(p[1] + SEP + p[2]);
        }
        openSwitchIncidents.keySet().retainAll(liveSwitches);
        openNodeIncidents.keySet().retainAll(liveNodes);
        openSinglePorts.keySet().retainAll(portLastSeen.keySet());
    }

    private List<SwitchIncidentFact> openSwitchIncidents(String cluster, long now) {
        Map<String, Set<String>> nodesBySwitch = new TreeMap<>();
        for (String key : portLastSeen.keySet()) {
            String[] p = key.split(SEP, -1);
            if (Integer.parseInt(p[1]) != UNKNOWN_PLANE && !p[2].isEmpty()) {
                nodesBySwitch.computeIfAbsent(p[1] + SEP + p[2], k -> new TreeSet<>()).add(p[0]);
            }
        }
        List<SwitchIncidentFact> opened = new ArrayList<>();
        nodesBySwitch.forEach((sw, nodes) -> {
            if (nodes.size() >= switchNodeThreshold && !openSwitchIncidents.containsKey(sw)) {
                openSwitchIncidents.put(sw, now);
                String[] p = sw.split(SEP, -1);
                SwitchIncidentFact f = new SwitchIncidentFact();
                f.setCluster(cluster);
                f.setPlane(Integer.parseInt(p[0]));
                f.setSwitchName(p[1]);
                f.setNodes(new ArrayList<>(nodes));
                f.setOpenedTs(now);
                f.setTs(now);
                f.setIncidentId(ActionIds.of("switch_incident", cluster, p[0], p[1], Long.toString(now)));
                opened.add(f);
            }
        });
        return opened;
    }

    private List<NodeIncidentFact> openNodeIncidents(String cluster, long now) {
        Map<String, Set<Integer>> planesByNode = new TreeMap<>();
        for (String key : portLastSeen.keySet()) {
            String[] p = key.split(SEP, -1);
            int plane = Integer.parseInt(p[1]);
            Set<Integer> planes = planesByNode.computeIfAbsent(p[0], k -> new TreeSet<>());
            if (!explainedBySwitch(plane, p[2].isEmpty() ? null : p[2])) {
                planes.add(plane); // unknown plane (-1) still counts as an unexplained port
            }
        }
        Map<String, List<String>> evidenceByNode = new TreeMap<>();
        for (String key : hostEvidence.keySet()) {
            String[] p = key.split(SEP, 2);
            evidenceByNode.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        List<NodeIncidentFact> opened = new ArrayList<>();
        planesByNode.forEach((node, planes) -> {
            long knownPlanes = planes.stream().filter(pl -> pl != UNKNOWN_PLANE).count();
            List<String> evidence = evidenceByNode.getOrDefault(node, List.of());
            boolean multiPlane = knownPlanes >= 2;
            boolean withHostEvidence = !planes.isEmpty() && !evidence.isEmpty();
            if ((multiPlane || withHostEvidence) && !openNodeIncidents.containsKey(node)) {
                openNodeIncidents.put(node, now);
                NodeIncidentFact f = new NodeIncidentFact();
                f.setCluster(cluster);
                f.setNode(node);
                f.setPlanes(planes.stream().filter(pl -> pl != UNKNOWN_PLANE).toList());
                f.setHostEvidence(new ArrayList<>(evidence));
                f.setReason(multiPlane ? "NIC errors on " + knownPlanes + " planes of one node"
                        : "NIC errors together with GPU evidence " + evidence);
                f.setTs(now);
                f.setIncidentId(ActionIds.of("node_incident", cluster, node, Long.toString(now)));
                opened.add(f);
            }
        });
        return opened;
    }

    private List<SinglePortFact> openSinglePorts(String cluster, long now) {
        Map<String, Integer> portsByNode = new TreeMap<>();
        portLastSeen.keySet().forEach(k -> portsByNode.merge(k.split(SEP, -1)[0], 1, Integer::sum));
        List<SinglePortFact> opened = new ArrayList<>();
        portFirstSeen.forEach((key, first) -> {
            String[] p = key.split(SEP, -1);
            int plane = Integer.parseInt(p[1]);
            String sw = p[2].isEmpty() ? null : p[2];
            boolean settled = first <= now - singlePortSettleMs;
            boolean alone = portsByNode.get(p[0]) == 1;
            if (settled && alone && !explainedBySwitch(plane, sw) && !openNodeIncidents.containsKey(p[0])
                    && !openSinglePorts.containsKey(key)) {
                openSinglePorts.put(key, now);
                SinglePortFact f = new SinglePortFact();
                f.setCluster(cluster);
                f.setNode(p[0]);
                f.setPlane(plane);
                f.setSwitchName(sw);
                f.setFirstTs(first);
                f.setTs(now);
                f.setIncidentId(ActionIds.of("single_port", cluster, p[0], p[1], p[2], Long.toString(now)));
                opened.add(f);
            }
        });
        return opened;
    }

    public long getWindowMs() { return windowMs; }
    public void setWindowMs(long windowMs) { this.windowMs = windowMs; }
    public int getSwitchNodeThreshold() { return switchNodeThreshold; }
    public void setSwitchNodeThreshold(int switchNodeThreshold) { this.switchNodeThreshold = switchNodeThreshold; }
    public long getSinglePortSettleMs() { return singlePortSettleMs; }
    public void setSinglePortSettleMs(long singlePortSettleMs) { this.singlePortSettleMs = singlePortSettleMs; }
    public Map<String, Long> getPortFirstSeen() { return portFirstSeen; }
    public void setPortFirstSeen(Map<String, Long> portFirstSeen) { this.portFirstSeen = portFirstSeen; }
    public Map<String, Long> getPortLastSeen() { return portLastSeen; }
    public void setPortLastSeen(Map<String, Long> portLastSeen) { this.portLastSeen = portLastSeen; }
    public Map<String, Long> getHostEvidence() { return hostEvidence; }
    public void setHostEvidence(Map<String, Long> hostEvidence) { this.hostEvidence = hostEvidence; }
    public Map<String, Long> getOpenSwitchIncidents() { return openSwitchIncidents; }
    public void setOpenSwitchIncidents(Map<String, Long> openSwitchIncidents) { this.openSwitchIncidents = openSwitchIncidents; }
    public Map<String, Long> getOpenNodeIncidents() { return openNodeIncidents; }
    public void setOpenNodeIncidents(Map<String, Long> openNodeIncidents) { this.openNodeIncidents = openNodeIncidents; }
    public Map<String, Long> getOpenSinglePorts() { return openSinglePorts; }
    public void setOpenSinglePorts(Map<String, Long> openSinglePorts) { this.openSinglePorts = openSinglePorts; }
}
