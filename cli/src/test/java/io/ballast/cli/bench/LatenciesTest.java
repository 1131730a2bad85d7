package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {
    @Test
    void percentilesAreNearestRank() {
        Latencies l = new Latencies();
        for (int i = 100; i >= 1; i--) {
            l.add(1_000 + i, i);
        }
        assertThat(l.percentile(50)).isEqualTo(50);
        assertThat(l.percentile(99)).isEqualTo(99);
        assertThat(l.percentile(100)).isEqualTo(100);
        assertThat(l.count()).isEqualTo(100);
    }

    @Test
    void aLaterPartKeepsTheSamplesOfEventsFromItsStart() {
        Latencies l = new Latencies();
        l.add(1_000, 4_000);
        l.add(2_000, 900);
        l.add(3_000, 700);

        Latencies later = l.from(2_000);

        assertThat(later.count()).isEqualTo(2);
        assertThat(later.percentile(100)).isEqualTo(900);
        assertThat(l.before(2_000).percentile(100)).isEqualTo(4_000);
        assertThat(l.percentile(100)).as("the whole run still has its first sample").isEqualTo(4_000);
    }

    @Test
    void noSamplesIsMinusOne() {
        assertThat(new Latencies().percentile(99)).isEqualTo(-1);
    }
}
