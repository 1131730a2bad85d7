package io.ballast.jobs.replay;

import io.ballast.codec.JsonCodec;
import io.ballast.events.BiasUpdate;
import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the real trace of a small MoE model trained on an H100 and checks the bias against the rule worked by hand. */
class ReplayBiasTest {
    static final Path TRACE = Paths.get("src/test/resources/traces/tiny-moe-h100-aux.jsonl.gz");

    @TempDir
    static Path dir;
    static List<BiasUpdate> updates = new ArrayList<>();
    static ReplaySummary summary;

    @BeforeAll
    static void replay() throws Exception {
        Path out = dir.resolve("actions.jsonl");
        summary = Replay.run(TRACE, out, dir.resolve("dead.jsonl"), new Configuration());
        for (String line : Files.readAllLines(out)) {
            if (JsonCodec.fromJson(line) instanceof BiasUpdate b) {
                updates.add(b);
            }
        }
    }

    @Test
    void everyLayerEndsWithTheBiasTheLossFreeRuleGivesByHand() throws Exception {
        Map<Integer, double[]> expected = new TreeMap<>();
        double u = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(TRACE)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Object record = JsonCodec.fromJson(line);
                if (record instanceof JobTopology t) {
                    u = t.getBiasUpdateRate();
                } else if (record instanceof ExpertLoad load) {
                    double[] b = expected.computeIfAbsent(load.getLayer(), k -> new double[load.getCounts().size()]);
                    double mean = load.getCounts().stream().mapToLong(Long::longValue).sum() / (double) b.length;
                    for (int i = 0; i < b.length; i++) {
                        b[i] += u * Math.signum(mean - load.getCounts().get(i));
                    }
                }
            }
        }
        Map<Integer, BiasUpdate> last = new HashMap<>();
        updates.forEach(b -> last.merge(b.getLayer(), b, (x, y) -> y.getVersion() > x.getVersion() ? y : x));
        assertThat(last.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((layer, bias) -> assertThat(last.get(layer).getBias().stream().mapToDouble(Double::doubleValue).toArray())
                .as("layer %d", layer).containsExactly(bias));
    }

    @Test
    void versionsAreContiguousPerLayerAndStepsFollowTheTrace() {
        Map<Integer, List<BiasUpdate>> byLayer = new TreeMap<>();
        updates.forEach(b -> byLayer.computeIfAbsent(b.getLayer(), k -> new ArrayList<>()).add(b));
        assertThat(byLayer).hasSize(4);
        byLayer.forEach((layer, list) -> {
            list.sort((a, b) -> Long.compare(a.getVersion(), b.getVersion()));
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i).getVersion()).isEqualTo(i + 1);
                assertThat(list.get(i).getStep()).isEqualTo(i + 1);
                assertThat(list.get(i).getUpdateRate()).isEqualTo(0.001);
            }
            assertThat(list).hasSize(600);
        });
    }

    @Test
    void theSameTraceReplayedTwiceGivesTheSameBytes() throws Exception {
        Path again = dir.resolve("again.jsonl");
        Replay.run(TRACE, again, dir.resolve("dead2.jsonl"), new Configuration());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(dir.resolve("actions.jsonl")));
        assertThat(summary.recordsIn()).isEqualTo(3140);
        assertThat(summary.deadLetters()).isZero();
    }
}
