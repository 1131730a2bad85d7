package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

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
}
