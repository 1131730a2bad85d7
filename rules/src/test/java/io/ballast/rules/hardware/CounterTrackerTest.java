package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.codec.CounterMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterTrackerTest {
    private static final long T0 = 1_000_000L;
    private static final long MIN = 60_000L;

    @Test
    void firstSampleIsABaselineWithNoDeltas() {
        CounterDelta d = new CounterTracker().update("boot-a", T0, Map.of("symbol_error", 40L));
        assertThat(d.isBaseline()).isTrue();
        assertThat(d.delta("symbol_error")).isZero();
    }

    @Test
    void computesDeltasAndPerMinuteRates() {
        CounterTracker t = new CounterTracker();
        t.update("boot-a", T0, Map.of("symbol_error", 10L, "link_downed", 1L));
        CounterDelta d = t.update("boot-a", T0 + 2 * MIN, Map.of("symbol_error", 30L, "link_downed", 2L));
        assertThat(d.delta("symbol_error")).isEqualTo(20);
        assertThat(d.ratePerMinute("symbol_error")).isEqualTo(10.0);
        assertThat(d.delta("link_downed")).isEqualTo(1);
        assertThat(d.getElapsedMs()).isEqualTo(2 * MIN);
    }

    @Test
    void ignoresCounterResetOnDecrease() {
        CounterTracker t = new CounterTracker();
        t.update("boot-a", T0, Map.of("port_rcv_errors", 500L));
        CounterDelta reset = t.update("boot-a", T0 + MIN, Map.of("port_rcv_errors", 3L));
        assertThat(reset.delta("port_rcv_errors")).isZero();
        assertThat(reset.getResetCounters()).containsExactly("port_rcv_errors");
        CounterDelta after = t.update("boot-a", T0 + 2 * MIN, Map.of("port_rcv_errors", 5L));
        assertThat(after.delta("port_rcv_errors")).isEqualTo(2); // new baseline is the post-reset value
    }

    @Test
    void treatsAChangedBootIdAsAResetOfEveryCounter() {
        CounterTracker t = new CounterTracker();
        t.update("boot-a", T0, Map.of("ecc_dbe", 2L));
        CounterDelta d = t.update("boot-b", T0 + MIN, Map.of("ecc_dbe", 9L));
        assertThat(d.isSourceChanged()).isTrue();
        assertThat(d.isBaseline()).isTrue();
        assertThat(d.delta("ecc_dbe")).isZero();
    }

    @Test
    void flagsASaturatedCounterAtItsWidthMaximum() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("link_downed", 255L, "symbol_error", 65_534L, "local_link_integrity_errors", 15L,
                "port_xmit_wait", 0xFFFF_FFFFL));
        CounterDelta d = t.update("b", T0 + MIN, Map.of("link_downed", 255L, "symbol_error", 65_535L,
                "local_link_integrity_errors", 15L, "port_xmit_wait", 0xFFFF_FFFFL));
        assertThat(d.getSaturatedCounters())
                .containsExactlyInAnyOrder("link_downed", "symbol_error", "local_link_integrity_errors", "port_xmit_wait");
        assertThat(d.delta("link_downed")).isZero();
        assertThat(d.delta("symbol_error")).isEqualTo(1);
    }

    @Test
    void aSaturatingCounterBelowItsMaximumIsNotFlagged() {
        CounterDelta d = new CounterTracker().update("b", T0, Map.of("link_downed", 254L, "port_rcv_data", 255L));
        assertThat(d.getSaturatedCounters()).isEmpty();
    }

    @Test
    void handlesA32BitDataCounterWrap() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("port_xmit_data", 0xFFFF_FF00L));
        CounterDelta d = t.update("b", T0 + MIN, Map.of("port_xmit_data", 0x100L));
        assertThat(d.delta("port_xmit_data")).isEqualTo(0x200L);
        assertThat(d.getWrappedCounters()).containsExactly("port_xmit_data");
        assertThat(d.getResetCounters()).isEmpty();
    }

    @Test
    void handlesA64BitCounterWrap() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("port_rcv_data", -16L)); // 2^64 - 16 as unsigned
        CounterDelta d = t.update("b", T0 + MIN, Map.of("port_rcv_data", 4L));
        assertThat(d.delta("port_rcv_data")).isEqualTo(20);
        assertThat(d.getWrappedCounters()).containsExactly("port_rcv_data");
    }

    @Test
    void aDataCounterDroppingFromTheLowerRangeIsAResetNotAWrap() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("port_xmit_data", 1_000_000L));
        CounterDelta d = t.update("b", T0 + MIN, Map.of("port_xmit_data", 10L));
        assertThat(d.delta("port_xmit_data")).isZero();
        assertThat(d.getResetCounters()).containsExactly("port_xmit_data");
    }

    @Test
    void gpuCountersResetWhenTheyDecrease() {
        CounterTracker t = new CounterTracker();
        t.update("gpu-uuid", T0, Map.of("pcie_replay_total", 90L, "nvlink_crc_errors_total", 4L));
        CounterDelta d = t.update("gpu-uuid", T0 + MIN, Map.of("pcie_replay_total", 0L, "nvlink_crc_errors_total", 6L));
        assertThat(d.delta("pcie_replay_total")).isZero();
        assertThat(d.getResetCounters()).containsExactly("pcie_replay_total");
        assertThat(d.delta("nvlink_crc_errors_total")).isEqualTo(2);
    }

    @Test
    void ignoresDuplicateOrLateSamples() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("symbol_error", 10L));
        t.update("b", T0 + MIN, Map.of("symbol_error", 20L));
        CounterDelta late = t.update("b", T0 + MIN, Map.of("symbol_error", 15L));
        assertThat(late.isStale()).isTrue();
        assertThat(late.getDeltas()).isEmpty();
        assertThat(t.update("b", T0 + 2 * MIN, Map.of("symbol_error", 25L)).delta("symbol_error")).isEqualTo(5);
    }

    @Test
    void tracksCountersWithoutAKnownIdBesideTheKnownOnes() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("symbol_error", 1L, "vendor_new_counter", 100L, "port_xmit_data", 5L));
        CounterDelta d = t.update("b", T0 + MIN, Map.of("symbol_error", 4L, "vendor_new_counter", 130L, "port_xmit_data", 9L));
        assertThat(d.getDeltas()).containsExactlyInAnyOrderEntriesOf(
                Map.of("symbol_error", 3L, "vendor_new_counter", 30L, "port_xmit_data", 4L));
        assertThat(t.getIds()).isSorted().hasSize(2);
        assertThat(t.getOther()).containsOnlyKeys("vendor_new_counter");
    }

    @Test
    void aCounterThatDisappearsAndComesBackStartsAFreshBaseline() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("symbol_error", 1L, "link_downed", 2L));
        t.update("b", T0 + MIN, Map.of("symbol_error", 2L));
        CounterDelta back = t.update("b", T0 + 2 * MIN, Map.of("symbol_error", 3L, "link_downed", 9L));
        assertThat(back.getDeltas()).containsOnlyKeys("symbol_error");
    }

    @Test
    void keepsItsIdArrayWhileTheCountersStayTheSameAndNeverWritesIntoItsArrays() {
        CounterTracker t = new CounterTracker();
        t.update("b", T0, Map.of("symbol_error", 1L, "link_downed", 2L));
        int[] ids = t.getIds();
        long[] values = t.getValues();
        t.update("b", T0 + MIN, Map.of("symbol_error", 5L, "link_downed", 2L));
        assertThat(t.getIds()).isSameAs(ids); // no new array to live one sample interval
        assertThat(values).as("replaced, not written: a copy may share it").containsExactly(1L, 2L); // by counter id: symbol_error, link_downed
        t.update("b", T0 + 2 * MIN, Map.of("symbol_error", 6L, "link_downed", 2L, "port_rcv_errors", 0L));
        assertThat(t.getIds()).isNotSameAs(ids).hasSize(3);
        assertThat(ids).hasSize(2);
    }

    @Test
    void deltasAreFoundByAnEqualNameNotOnlyTheSameInstance() {
        CounterTracker t = new CounterTracker();
        t.update("boot-a", T0, Map.of("symbol_error", 10L, "vendor_counter", 1L));
        CounterDelta d = t.update("boot-a", T0 + 60_000, Map.of(new String("symbol_error"), 25L, "vendor_counter", 4L));

        assertThat(d.delta(new String("symbol_error"))).isEqualTo(15);
        assertThat(d.delta("vendor_counter")).as("a counter without an id").isEqualTo(3);
        assertThat(d.ratePerMinute("symbol_error")).isEqualTo(15.0);
        assertThat(d.delta("link_downed")).as("not in the sample").isZero();
        assertThat(d.getDeltas()).containsOnly(Map.entry("symbol_error", 15L), Map.entry("vendor_counter", 3L));
        assertThat(d.getRatesPerMinute()).containsOnly(Map.entry("symbol_error", 15.0), Map.entry("vendor_counter", 3.0));
    }

    @Test
    void deltasSetFromAMapReplaceTheOldOnes() {
        CounterDelta d = new CounterTracker().update("boot-a", T0, Map.of("symbol_error", 1L));
        d.setDeltas(Map.of("link_downed", 2L));
        d.setDeltas(Map.of("symbol_error", 7L));

        assertThat(d.getDeltas()).containsOnly(Map.entry("symbol_error", 7L));
        assertThat(d.delta("link_downed")).isZero();
    }

    @Test
    void aDecodersCounterMapGivesTheSameDeltasAsAnyMap() {
        Map<String, Long> first = Map.of("symbol_error", 10L, "port_rcv_errors", 4_294_967_290L, "vendor_counter", 1L);
        Map<String, Long> second = Map.of("symbol_error", 25L, "port_rcv_errors", 3L, "vendor_counter", 4L);
        CounterTracker plain = new CounterTracker();
        CounterTracker decoded = new CounterTracker();
        plain.update("boot-a", T0, first);
        decoded.update("boot-a", T0, counterMap(first));

        CounterDelta fromPlain = plain.update("boot-a", T0 + 60_000, second);
        CounterDelta fromDecoded = decoded.update("boot-a", T0 + 60_000, counterMap(second));

        assertThat(fromDecoded.getDeltas()).isEqualTo(fromPlain.getDeltas()).containsEntry("vendor_counter", 3L);
        assertThat(fromDecoded.getResetCounters()).isEqualTo(fromPlain.getResetCounters()).containsExactly("port_rcv_errors");
        assertThat(decoded).usingRecursiveComparison().isEqualTo(plain);
    }

    private static CounterMap counterMap(Map<String, Long> counters) {
        CounterMap m = new CounterMap(counters.size());
        counters.forEach(m::add);
        return m;
    }
}
