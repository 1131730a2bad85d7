package io.ballast.jobs.moe;

import io.ballast.codec.JsonCodec;
import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.jobs.replay.Replay;
import io.ballast.logic.moe.BalanceSupervisor;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace in which expert 3 never gets a token: the dead-expert alert reaches the replay's alert output, once. */
class ReplayDeadExpertTest {
    static final long T0 = 1_795_486_326_000L;
    static final int STEPS = 80;

    @TempDir
    static Path dir;
    static final List<Alert> alerts = new ArrayList<>();
    static final List<BiasUpdate> updates = new ArrayList<>();

    @BeforeAll
    static void replay() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"job_topology\",\"ts\":" + T0 + ",\"job\":\"moe-1\",\"nodes\":[\"n1\",\"n2\"],\"experts\":4,"
                + "\"expert_hosts\":[\"n1/0\",\"n1/1\",\"n2/0\",\"n2/1\"]}");
        for (int step = 1; step <= STEPS; step++) {
            lines.add("{\"type\":\"expert_load\",\"ts\":" + (T0 + step * 1_000L) + ",\"job\":\"moe-1\",\"step\":" + step
                    + ",\"layer\":0,\"rank\":-1,\"ranks\":1,\"counts\":[120,90,110,0]}");
        }
        Path trace = dir.resolve("dead-expert.jsonl");
        Files.write(trace, lines);
        Path out = dir.resolve("actions.jsonl");
        Replay.run(trace, out, dir.resolve("dead.jsonl"), new Configuration());
        for (String line : Files.readAllLines(out)) {
            Object record = JsonCodec.fromJson(line);
            if (record instanceof Alert a) {
                alerts.add(a);
            } else if (record instanceof BiasUpdate b) {
                updates.add(b);
            }
        }
    }

    @Test
    void aDeadExpertFiresOnceWhenItsZeroStreakReachesTheDefaultWindow() {
        List<Alert> dead = alerts.stream().filter(a -> a.getName().equals(BalanceSupervisor.DEAD_EXPERT)).toList();
        assertThat(dead).hasSize(1);
        Alert alert = dead.get(0);
        assertThat(alert.getStatus()).isEqualTo("firing");
        assertThat(alert.getLabels()).containsEntry("expert", "3").containsEntry("layer", "0").containsEntry("job", "moe-1");
        // deadExpertSteps defaults to 50: the 50th zero-token step (ts T0 + 50 s) trips it.
        assertThat(alert.getTs()).isEqualTo(T0 + 50_000L);
    }

    @Test
    void theDeadExpertsBiasKeepsRisingWhileTheAlertFires() {
        BiasUpdate last = updates.stream().max((a, b) -> Long.compare(a.getVersion(), b.getVersion())).orElseThrow();
        assertThat(last.getBias().get(3)).isEqualTo(STEPS * 0.001, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(last.getHostOffsets()).isNull();
    }
}
