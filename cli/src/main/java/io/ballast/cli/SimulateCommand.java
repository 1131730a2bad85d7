package io.ballast.cli;

import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.InjectedFault;
import io.ballast.sim.JsonLinesTraceWriter;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** Writes a deterministic simulator trace (JSON Lines) with scripted faults, for replay and backtests. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a seeded fleet-simulator trace with injected faults as JSON Lines (.gz ok).")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Trace to write (.jsonl or .jsonl.gz).")
    Path output;

    @Option(names = "--duration", defaultValue = "3m", description = "Simulated time (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--nodes", defaultValue = "16", description = "Nodes of 8 GPUs and 8 NIC planes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--jobs", defaultValue = "2", description = "MoE training jobs (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives the same trace (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--faults", split = ",", paramLabel = "KIND", completionCandidates = FaultSlugs.class,
            description = "Only these faults (default: all): ${COMPLETION-CANDIDATES}; 'none' for a clean run.")
    List<String> faults;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SimConfig config = SimConfig.defaults().withFleet(nodes, jobs).withDuration(duration).withSeed(seed);
        FleetSimulator sim = new FleetSimulator(config, script(faults));
        long n = 0;
        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(output)) {
            for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); n++) {
                writer.write(it.next());
            }
        }
        spec.commandLine().getErr().println("simulate: " + n + " records, " + sim.faults().size() + " faults -> " + output);
        for (InjectedFault f : sim.faults()) {
            spec.commandLine().getErr().println("  " + f.id() + " at +" + (f.injectedAt() - config.startTs()) / 1000 + "s: " + f.target() + " -> " + f.expected());
        }
        return 0;
    }

    static FaultScript script(List<String> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            return FaultScript.defaults();
        }
        if (kinds.size() == 1 && "none".equals(kinds.get(0))) {
            return FaultScript.none();
        }
        FaultKind[] selected = kinds.stream().map(SimulateCommand::kind).toArray(FaultKind[]::new);
        return FaultScript.defaults().only(selected);
    }

    private static FaultKind kind(String name) {
        for (FaultKind k : FaultKind.values()) {
            if (k.slug().equals(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "' (one of: " + String.join(", ", new FaultSlugs()) + ")");
    }

    /** The fault names {@code --faults} takes, for its help text and its error message. */
    static final class FaultSlugs implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(FaultKind.values()).map(FaultKind::slug).iterator();
        }
    }
}
