package io.ballast.jobs.replay;

import io.ballast.events.Alert;
import io.ballast.events.Drain;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayXidTest {
    static final long T0 = 1_795_486_326_000L;

    @TempDir
    Path dir;

    @Test
    void xid79DrainsItsNodeAndApplicationXidsDoNot() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String node : List.of("n1", "n2", "n3")) {
            lines.add("{\"type\":\"gpu_sample\",\"ts\":" + T0 + ",\"node\":\"" + node + "\",\"gpu\":0,\"ecc_dbe_volatile_total\":0}");
        }
        lines.add(xid("n1", 13, T0 + 1_000, "Graphics SM Warp Exception"));
        lines.add(xid("n2", 31, T0 + 2_000, "MMU Fault: ENGINE GRAPHICS"));
        lines.add(xid("n3", 79, T0 + 3_000, "GPU has fallen off the bus."));
        List<SpecificRecord> actions = replay(lines);

        List<Drain> drains = actions.stream().filter(a -> a instanceof Drain).map(a -> (Drain) a).toList();
        assertThat(drains).extracting(Drain::getNode).containsExactly("n3");
        Drain drain = drains.get(0);
        assertThat(drain.getTs()).isEqualTo(T0 + 3_000);
        assertThat(drain.getRule()).isNotBlank();
        assertThat(drain.getRuleSetVersion()).startsWith("sha256:");
        assertThat(drain.getEvidence()).anyMatch(e -> e.contains("79"));
        assertThat(actions).filteredOn(a -> a instanceof Alert).map(a -> (Alert) a)
                .noneMatch(a -> "drain_suppressed".equals(a.getName()));
    }

    @Test
    void theGuardCapsABurstOfSimultaneousXid79sAndSaysSoForEachHeldBack() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("{\"type\":\"gpu_sample\",\"ts\":" + T0 + ",\"node\":\"n" + i + "\",\"gpu\":0}");
        }
        for (int i = 0; i < 6; i++) {
            lines.add(xid("n" + i, 79, T0 + 10_000, "GPU has fallen off the bus."));
        }
        for (int i = 0; i < 6; i++) {
            // The same fault reported again: no second drain, no second page for the held-back ones.
            lines.add(xid("n" + i, 79, T0 + 20_000, "GPU has fallen off the bus."));
        }
        List<SpecificRecord> actions = replay(lines);

        List<Drain> drains = actions.stream().filter(a -> a instanceof Drain).map(a -> (Drain) a).toList();
        List<Alert> suppressed = actions.stream().filter(a -> a instanceof Alert).map(a -> (Alert) a)
                .filter(a -> a.getName().equals("drain_suppressed") && a.getStatus().equals("firing")).toList();
        // Fleet of 40 at 5% allows 2 at once; the window cap (3) is not the binding one here.
        assertThat(drains).hasSize(2);
        assertThat(suppressed).hasSize(4);
        assertThat(suppressed).extracting(a -> a.getLabels().get("node"))
                .doesNotContainAnyElementsOf(drains.stream().map(Drain::getNode).toList());
    }

    private List<SpecificRecord> replay(List<String> lines) throws Exception {
        return ReplayActions.of(dir, lines);
    }

    private static String xid(String node, int xid, long ts, String message) {
        return "{\"type\":\"xid\",\"ts\":" + ts + ",\"node\":\"" + node + "\",\"gpu\":0,\"pci_bus_id\":\"0000:3b:00\",\"xid\":" + xid
                + ",\"message\":\"" + message + "\"}";
    }
}
