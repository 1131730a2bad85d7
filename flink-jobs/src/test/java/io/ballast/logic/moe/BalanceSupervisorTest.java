package io.ballast.logic.moe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BalanceSupervisorTest {
    // dead after 3 steps, warm-up 10, rolling MaxVio > 0.5, starved after 5 rises below 10 % of mean,
    // oscillation: >60 % flips over a 5-step window for >50 % of experts while rolling MaxVio > 0.2
    private final MoeConfig config = MoeConfig.defaults().withMaxVioWindow(5)
            .withSupervision(3, 10, 0.5, 5, 0.1, 5, 0.6, 0.5, 0.2);
    private final BiasController controller = new BiasController(config);
    private final BalanceSupervisor supervisor = new BalanceSupervisor(config);
    private final BiasState bias = new BiasState();
    private final BalanceState balance = new BalanceState();
    private long step;

    private List<AlertFinding> step(long... counts) {
        BiasResult result = controller.apply(bias, ++step, counts, null, null).result();
        return supervisor.observe(balance, "job-a", 4, counts, result);
    }

    private List<AlertFinding> steps(int times, long... counts) {
        List<AlertFinding> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.addAll(step(counts));
        }
        return all;
    }

    private static List<AlertFinding> named(List<AlertFinding> findings, String name) {
        return findings.stream().filter(f -> f.name().equals(name)).toList();
    }

    @Test
    void deadExpertFiresOnceAndResolvesWhenItGetsTokens() {
        assertThat(named(steps(2, 0, 10, 10), BalanceSupervisor.DEAD_EXPERT)).isEmpty();
        List<AlertFinding> fired = named(steps(3, 0, 10, 10), BalanceSupervisor.DEAD_EXPERT);
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.firing()).isTrue();
            assertThat(f.labels()).containsEntry("expert", "0").containsEntry("layer", "4").containsEntry("job", "job-a");
        });
        List<AlertFinding> resolved = named(step(5, 10, 10), BalanceSupervisor.DEAD_EXPERT);
        assertThat(resolved).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(AlertFinding.RESOLVED);
            assertThat(f.key()).isEqualTo(fired.get(0).key());
        });
    }

    @Test
    void maxVioNotDecayingFiresOnlyAfterWarmup() {
        // MaxVio_batch = (30 - 15) / 15 = 1.0 every step
        assertThat(named(steps(9, 30, 10, 10, 10), BalanceSupervisor.MAXVIO_NOT_DECAYING)).isEmpty();
        assertThat(named(step(30, 10, 10, 10), BalanceSupervisor.MAXVIO_NOT_DECAYING))
                .singleElement().extracting(AlertFinding::status).isEqualTo(AlertFinding.FIRING);
        // Hysteresis: a windowed condition resolves only after a whole window of quiet steps, so it cannot flap.
        int quiet = config.oscillationWindow() - 1;
        assertThat(named(steps(quiet - 1, 15, 15, 15, 15), BalanceSupervisor.MAXVIO_NOT_DECAYING)).isEmpty();
        // ...counted from when the rolling MaxVio (window 5) has come back under the threshold.
        assertThat(named(steps(5, 15, 15, 15, 15), BalanceSupervisor.MAXVIO_NOT_DECAYING))
                .singleElement().extracting(AlertFinding::status).isEqualTo(AlertFinding.RESOLVED);
    }

    @Test
    void expertStarvedAlthoughItsBiasKeepsRising() {
        // expert 0 gets 1 token against a mean of 25: its bias rises every step, its load does not follow
        assertThat(named(steps(4, 1, 33, 33, 33), BalanceSupervisor.EXPERT_STARVED)).isEmpty();
        assertThat(named(step(1, 33, 33, 33), BalanceSupervisor.EXPERT_STARVED)).singleElement()
                .satisfies(f -> assertThat(f.labels()).containsEntry("expert", "0"));
        assertThat(bias.bias[0]).isEqualTo(0.005, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void starvationNeedsARisingBias() {
        BiasController frozen = new BiasController(config.withFreeze(0L, null));
        List<AlertFinding> all = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            long[] counts = {1, 33, 33, 33};
            all.addAll(supervisor.observe(balance, "job-a", 4, counts,
                    frozen.apply(bias, i, counts, null, null).result()));
        }
        assertThat(named(all, BalanceSupervisor.EXPERT_STARVED)).isEmpty();
    }

    @Test
    void signOscillationWithPoorBalanceMeansTheRateIsTooHigh() {
        List<AlertFinding> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.addAll(i % 2 == 0 ? step(40, 10, 40, 10) : step(10, 40, 10, 40));
        }
        assertThat(named(all, BalanceSupervisor.BIAS_OSCILLATION)).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("4 of 4 experts").contains("too high"));
    }

    @Test
    void signFlippingAtTheBalancePointIsNormal() {
        List<AlertFinding> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.addAll(i % 2 == 0 ? step(26, 24, 26, 24) : step(24, 26, 24, 26));
        }
        assertThat(java.util.Arrays.stream(balance.flipBits).map(Long::bitCount)).containsOnly(4L);
        assertThat(named(all, BalanceSupervisor.BIAS_OSCILLATION)).isEmpty();
    }
}
