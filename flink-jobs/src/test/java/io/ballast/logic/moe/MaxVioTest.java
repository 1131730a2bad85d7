package io.ballast.logic.moe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaxVioTest {

    @Test
    void batchMaxVioByHand() {
        // mean 25, max 40: (40 - 25) / 25
        assertThat(MaxVio.batch(new long[] {10, 20, 30, 40})).isEqualTo(0.6);
        assertThat(MaxVio.batch(new long[] {5, 5, 5})).isZero();
    }

    @Test
    void stepWithoutTokensHasNoViolation() {
        assertThat(MaxVio.batch(new long[] {0, 0})).isZero();
    }

    @Test
    void rollingMaxVioIsTheMeanOfTheLastNSteps() {
        RollingMaxVio rolling = new RollingMaxVio(3);
        for (double v : new double[] {9.0, 1.0, 2.0, 3.0}) {
            rolling.add(v);
        }
        assertThat(rolling.value()).isEqualTo(2.0);
        assertThat(rolling.isFull()).isTrue();
    }

    @Test
    void modelLevelIsTheMeanOverLayers() {
        assertThat(MaxVio.meanOverLayers(List.of(0.5, 0.25, 0.0))).isEqualTo(0.25);
        assertThat(MaxVio.meanOverLayers(List.of())).isNaN();
    }
}
