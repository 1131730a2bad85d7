package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.codec.CounterMap;

import org.junit.jupiter.api.Test;

class SmallHelpersTest {

    @Test
    void actionIdsAreStableSixteenHexAndSeparatorSafe() {
        assertThat(ActionIds.of("drain", "n1", "79")).isEqualTo(ActionIds.of("drain", "n1", "79")).matches("[0-9a-f]{16}");
        assertThat(ActionIds.of("a|b", "c")).isNotEqualTo(ActionIds.of("a", "b|c"));
        assertThat(ActionIds.of("a", "b")).isNotEqualTo(ActionIds.of("ab"));
    }

    @Test
    void sustainedRateCountsMinutesContinuouslyAboveTheFloor() {
        SustainedRate r = new SustainedRate();
        assertThat(r.update(0, 9, 8)).isZero();
        assertThat(r.update(3 * 60_000L, 12, 8)).isEqualTo(3.0);
        assertThat(r.update(5 * 60_000L, 10, 8)).isEqualTo(5.0);
        assertThat(r.update(6 * 60_000L, 2, 8)).isZero();
        assertThat(r.update(7 * 60_000L, 9, 8)).isZero();
    }

    @Test
    void counterIdsAreFoundByNameWhateverTheStringInstance() {
        for (int id = 0; id < CounterNames.count(); id++) {
            String name = CounterNames.nameOf(id);
            assertThat(CounterNames.idOf(name)).isEqualTo(id);
            assertThat(CounterNames.idOf(new String(name.toCharArray()))).isEqualTo(id); // decoded, not the literal
        }
        assertThat(CounterNames.idOf("a_driver_counter_added_later")).isEqualTo(-1);
        assertThat(CounterNames.idOf("")).isEqualTo(-1);
    }

    @Test
    void aCounterMapEntryGivesItsOwnIdElseTheNamesId() {
        CounterMap m = new CounterMap(3);
        m.addDistinct("link_downed", 1);
        m.addDistinct("link_downed_copy", -1, 2); // the exchange said: not well-known
        m.addDistinct("symbol_error", CounterNames.idOf("symbol_error"), 3);

        assertThat(CounterNames.idOf(m, 0)).isEqualTo(CounterNames.idOf("link_downed")).isNotNegative();
        assertThat(CounterNames.idOf(m, 1)).isEqualTo(-1);
        assertThat(CounterNames.idOf(m, 2)).isEqualTo(CounterNames.idOf("symbol_error"));
    }
}
