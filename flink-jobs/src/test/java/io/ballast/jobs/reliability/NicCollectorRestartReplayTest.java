package io.ballast.jobs.reliability;

import io.ballast.codec.JsonCodec;
import io.ballast.events.BiasUpdate;
import io.ballast.events.NicCounters;
import io.ballast.jobs.replay.Replay;
import io.ballast.jobs.replay.ReplaySummary;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.JsonLinesTraceWriter;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NIC collector (or driver) restart without a reboot: the boot id stays, every counter of one node's NICs drops
 * from a high plateau to zero mid-trace. The counters must re-baseline silently: no alert, no drain.
 */
class NicCollectorRestartReplayTest {
    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofMinutes(2));
    /** Errors the ports had counted long before the trace began: a reset drops them to 0, and a wrap-as-delta would be huge. */
    static final long PLATEAU = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void countersDroppingToZeroWithTheSameBootIdStaySilent() throws Exception {
        List<SpecificRecord> trace = new ArrayList<>();
        for (Iterator<SpecificRecord> it = new FleetSimulator(SIM, FaultScript.none()).records(); it.hasNext(); ) {
            trace.add(it.next());
        }
        String node = SIM.nodeName(3);
        long restartAt = SIM.startTs() + Duration.ofSeconds(60).toMillis();
        Map<String, Map<String, Long>> baselineAtRestart = new HashMap<>();
        int restarted = 0;
        List<SpecificRecord> edited = new ArrayList<>();
        for (SpecificRecord r : trace) {
            if (r instanceof NicCounters n && n.getNode().equals(node)) {
                Map<String, Long> counters = new HashMap<>();
                if (n.getTs() < restartAt) {
                    n.getCounters().forEach((k, v) -> counters.put(k, v + PLATEAU));
                } else {
                    Map<String, Long> base = baselineAtRestart.computeIfAbsent(n.getDevice(), d -> Map.copyOf(n.getCounters()));
                    n.getCounters().forEach((k, v) -> counters.put(k, v - base.getOrDefault(k, 0L)));
                    restarted++;
                }
                edited.add(NicCounters.newBuilder(n).setCounters(counters).build());
            } else {
                edited.add(r);
            }
        }
        assertThat(baselineAtRestart).as("all of the node's NICs restart").hasSize(SIM.planes());
        assertThat(restarted).isGreaterThan(SIM.planes());

        List<SpecificRecord> actions = replay(edited);
        assertThat(actions).as("a counter reset is not an incident").allMatch(a -> a instanceof BiasUpdate);
    }

    private List<SpecificRecord> replay(List<SpecificRecord> records) throws Exception {
        Path file = dir.resolve("trace.jsonl");
        try (JsonLinesTraceWriter writer = new JsonLinesTraceWriter(file)) {
            for (SpecificRecord r : records) {
                writer.write(r);
            }
        }
        Path out = dir.resolve("actions.jsonl");
        ReplaySummary summary = Replay.run(file, out, dir.resolve("dead.jsonl"), new Configuration());
        assertThat(summary.deadLetters()).isZero();
        List<SpecificRecord> actions = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            actions.add(JsonCodec.fromJson(line));
        }
        return actions;
    }
}
