package io.ballast.jobs.hardware;

import io.ballast.jobs.metrics.Metric;
import io.ballast.rules.facts.NicPortFact;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a NIC port's counter deltas say beyond the rules: its dashboard rates, and whether it is worth correlating at all. */
final class NicRates {
    /** Rates worth a dashboard series; error counters plus throughput. */
    static final List<String> RATE_FIELDS = List.of("symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
            "port_rcv_remote_physical_errors", "port_xmit_discards", "port_xmit_wait", "port_xmit_data", "port_rcv_data",
            "out_of_sequence", "np_cnp_sent", "rp_cnp_handled", "rx_errors", "tx_dropped");

    private NicRates() {}

    /** The port's {@code nic_rates} point, empty when it has none of {@link #RATE_FIELDS}. */
    static Optional<Metric> metric(NicPortFact fact, Map<String, Double> ratesPerMinute) {
        Metric m = Metric.of("nic_rates", fact.getTs()).tag("cluster", fact.getCluster()).tag("node", fact.getNode())
                .tag("port", fact.portName()).tag("plane", fact.getPlane()).tag("switch", fact.getSwitchName());
        for (String name : RATE_FIELDS) {
            Double rate = ratesPerMinute.get(name);
            if (rate != null) {
                m.field(name + "_per_min", rate);
            }
        }
        return m.fields.isEmpty() ? Optional.empty() : Optional.of(m);
    }

    /** No errors, discards, remote physical errors or saturated counters: nothing for the rules or the correlation. */
    static boolean quiet(NicPortFact fact) {
        return !fact.hasErrors() && fact.getRemotePhysicalErrorsDelta() == 0 && fact.getXmitDiscardsDelta() == 0
                && fact.getSaturatedCounters().isEmpty();
    }
}
