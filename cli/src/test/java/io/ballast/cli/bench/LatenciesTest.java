package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {
    @Test
    void percentilesAreNearestRank() {
        Latencies l = new Latencies();
        for (int i = 100; i >= 1; i--) {
            l.add(i);
        }
        assertThat(l.percentile(50)).isEqualTo(50);
        assertThat(l.percentile(99)).isEqualTo(99);
        assertThat(l.percentile(100)).isEqualTo(100);
        assertThat(l.count()).isEqualTo(100);
    }

    @Test
    void noSamplesIsMinusOne() {
        assertThat(new Latencies().percentile(99)).isEqualTo(-1);
    }
}
