package io.ballast.logic.stability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollingWindowTest {

    @Test
    void medianAndMadOfTheLastValuesOnly() {
        RollingWindow w = new RollingWindow(5);
        for (double v : new double[] {100, 1, 2, 3, 4, 50}) {
            w.add(v);
        }
        // window holds 1, 2, 3, 4, 50 (100 fell out)
        assertThat(w.median()).isEqualTo(3.0);
        assertThat(w.mad()).isEqualTo(1.0); // deviations 2, 1, 0, 1, 47
        assertThat(w.mean()).isEqualTo(12.0);
        assertThat(w.isFull()).isTrue();
    }

    @Test
    void evenCountMedianAveragesTheMiddlePair() {
        RollingWindow w = new RollingWindow(10);
        w.add(1);
        w.add(4);
        assertThat(w.median()).isEqualTo(2.5);
        assertThat(w.isFull()).isFalse();
    }

    @Test
    void emptyWindowHasNoStatistics() {
        assertThat(new RollingWindow(3).median()).isNaN();
    }

    @Test
    void rejectsZeroCapacity() {
        assertThatThrownBy(() -> new RollingWindow(0)).hasMessageContaining("capacity");
    }
}
