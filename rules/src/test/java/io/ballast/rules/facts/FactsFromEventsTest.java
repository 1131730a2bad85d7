package io.ballast.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.rules.hardware.CounterDelta;
import io.ballast.rules.hardware.CounterTracker;
import io.ballast.rules.hardware.XidCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsFromEventsTest {

    @Test
    void xidFactCarriesCatalogClassActionAndVersion() {
        Xid event = Xid.newBuilder().setTs(5L).setNode("n1").setGpu(2).setXid(79).setMessage("fell off").build();
        XidFact f = XidFact.from(event, XidCatalog.builtIn(), 1);
        assertThat(f.getCluster()).isEqualTo("default");
        assertThat(f.getXidClass()).isEqualTo("RESTART_BM");
        assertThat(f.getAction()).isEqualTo("gpu_fallen_off_bus");
        assertThat(f.getCatalogVersion()).isEqualTo(XidCatalog.builtIn().version());
    }

    @Test
    void nicPortFactTakesDeltasRatesAndTopology() {
        CounterTracker tracker = new CounterTracker();
        tracker.update("b", 0L, Map.of("link_downed", 1L, "symbol_error", 0L));
        NicCounters sample = NicCounters.newBuilder().setTs(60_000L).setCluster("c1").setNode("n1")
                .setDevice("mlx5_3").setPort(1).setPlane(3).setSwitch$("leaf-7").setBootId("b")
                .setCounters(Map.of("link_downed", 2L, "symbol_error", 65_535L)).build();
        CounterDelta delta = tracker.update("b", sample.getTs(), sample.getCounters());
        NicPortFact f = NicPortFact.from(sample, delta);
        assertThat(f.getLinkDownedDelta()).isEqualTo(1);
        assertThat(f.getSymbolErrorsPerMin()).isEqualTo(65_535.0);
        assertThat(f.getSaturatedCounters()).containsExactly("symbol_error");
        assertThat(f.getPlane()).isEqualTo(3);
        assertThat(f.getSwitchName()).isEqualTo("leaf-7");
        assertThat(f.hasErrors()).isTrue();
    }
}
