package io.ballast.cli.bench;

import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.SimConfig;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchFleetTest {
    @Test
    void aFleetSizedForARateGeneratesThatRate() {
        SimConfig c = BenchFleet.forRate(3000, "bench", SimConfig.DEFAULT_START_TS, Duration.ofSeconds(60), 1);
        long n = 0;
        for (Iterator<?> it = new FleetSimulator(c, FaultScript.none()).records(); it.hasNext(); it.next()) {
            n++;
        }
        assertThat(n / 60.0).isCloseTo(3000, within(3000 * 0.03));
        assertThat(c.cluster()).isEqualTo("bench");
        assertThat(c.jobs()).isEqualTo(BenchFleet.JOBS);
    }

    @Test
    void aTwoThousandNodeFleetMakesAboutSixAndAHalfThousandEventsPerSecond() {
        assertThat(BenchFleet.eventsPerSecond(SimConfig.defaults().withFleet(2000, 8))).isEqualTo(2000 * 3.2 + 8 * 17);
    }
}
