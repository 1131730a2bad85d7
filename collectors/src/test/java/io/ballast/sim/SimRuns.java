package io.ballast.sim;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: run a simulator to the end and pick records by class. */
final class SimRuns {
    private SimRuns() {}

    static List<SpecificRecord> all(FleetSimulator sim) {
        List<SpecificRecord> out = new ArrayList<>();
        for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    static List<SpecificRecord> all(SimConfig config, FaultScript script) {
        return all(new FleetSimulator(config, script));
    }

    static <T> Stream<T> of(List<SpecificRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast);
    }
}
