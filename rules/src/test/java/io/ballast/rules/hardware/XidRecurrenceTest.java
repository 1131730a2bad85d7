package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XidRecurrenceTest {
    private static final long MIN = 60_000L;

    @Test
    void countsRecurrencesOfOneXidOnOneGpuWithinTheWindow() {
        XidRecurrence r = new XidRecurrence();
        assertThat(r.record(0, 74, 0)).isEqualTo(1);
        assertThat(r.record(0, 74, 4 * MIN)).isEqualTo(2);
        assertThat(r.record(0, 74, 9 * MIN)).isEqualTo(3);
    }

    @Test
    void forgetsOccurrencesOlderThanTheWindow() {
        XidRecurrence r = new XidRecurrence();
        r.record(0, 74, 0);
        r.record(0, 74, MIN);
        assertThat(r.record(0, 74, 11 * MIN)).isEqualTo(1);
    }

    @Test
    void keepsGpusAndXidsApart() {
        XidRecurrence r = new XidRecurrence();
        r.record(0, 74, 0);
        r.record(1, 74, 0);
        r.record(null, 74, 0);
        assertThat(r.record(0, 13, MIN)).isEqualTo(1);
        assertThat(r.countInWindow(0, 74, MIN)).isEqualTo(1);
    }

    @Test
    void honoursAConfiguredWindow() {
        XidRecurrence r = new XidRecurrence(MIN);
        r.record(0, 74, 0);
        assertThat(r.record(0, 74, 2 * MIN)).isEqualTo(1);
    }

    @Test
    void countsLateEventsInTheirOwnWindow() {
        XidRecurrence r = new XidRecurrence();
        r.record(0, 74, 5 * MIN);
        assertThat(r.record(0, 74, 3 * MIN)).isEqualTo(1); // (−7 min, 3 min] holds only itself
        assertThat(r.countInWindow(0, 74, 5 * MIN)).isEqualTo(2);
    }

    @Test
    void expireDropsStateOutsideTheWindow() {
        XidRecurrence r = new XidRecurrence();
        r.record(0, 74, 0);
        r.expire(20 * MIN);
        assertThat(r.getEvents()).isEmpty();
    }

    @Test
    void rejectsANonPositiveWindow() {
        assertThatThrownBy(() -> new XidRecurrence(0)).hasMessageContaining("positive");
    }
}
