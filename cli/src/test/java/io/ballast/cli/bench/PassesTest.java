package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassesTest {
    @Test
    void theMediansIgnoreOneOutlyingPassOfEither() {
        Passes p = new Passes();
        p.add(486_505, 156_742);
        p.add(803_215, 230_146);
        p.add(620_000, 303_401);

        assertThat(p.limit()).isEqualTo(620_000);
        assertThat(p.job()).isEqualTo(230_146);
        assertThat(p.describe()).contains("over 3 passes").contains("limit median 620000 events/s (486505-803215)")
                .contains("job median 230146 events/s (156742-303401)").contains("ratio of the medians 0.371");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertThat(Passes.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Passes.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void noPassIsAnError() {
        assertThatThrownBy(() -> new Passes().limit()).hasMessageContaining("no measured pass");
    }
}
