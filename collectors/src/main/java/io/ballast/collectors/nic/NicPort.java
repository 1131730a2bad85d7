package io.ballast.collectors.nic;

import java.util.Map;

/** One NIC port as sysfs shows it: link state (e.g. {@code ACTIVE}) and raw cumulative counters by sysfs name. */
public record NicPort(String device, int port, String linkState, Map<String, Long> counters) {
    public NicPort {
        counters = Map.copyOf(counters);
    }
}
