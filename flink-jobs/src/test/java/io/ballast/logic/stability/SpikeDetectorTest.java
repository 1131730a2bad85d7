package io.ballast.logic.stability;

import io.ballast.events.TrainStep;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpikeDetectorTest {
    private static final long T0 = 1_795_486_326_000L;
    private final StabilityConfig config = StabilityConfig.defaults();
    private final SpikeDetector detector = new SpikeDetector(config);
    private final SpikeState state = new SpikeState();

    /** Loss near 2.5 with small deterministic noise, past the warm-up. */
    private static double baseline(long step) {
        return 2.5 + 0.01 * Math.sin(step * 1.7);
    }

    private List<SpikeFinding> feed(long step, double loss, Double gradNorm) {
        return detector.observe(state, "job-a", step, T0 + step * 1_000, loss, gradNorm);
    }

    private List<SpikeFinding> feedBaseline(long from, long to) {
        List<SpikeFinding> all = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            all.addAll(feed(s, baseline(s), 1.0 + 0.02 * Math.cos(s)));
        }
        return all;
    }

    @Test
    void noSpikeDuringWarmupSteepFallOfTheRealTrace() throws Exception {
        List<TrainStep> steps = TraceFixture.read(TraceFixture.TINY_MOE, TrainStep.class);
        assertThat(steps).hasSize(600);
        assertThat(steps.get(0).getLoss()).isGreaterThan(200); // the steep fall is really there
        List<SpikeFinding> findings = new ArrayList<>();
        for (TrainStep step : steps) {
            findings.addAll(detector.observe(state, step));
        }
        assertThat(findings).isEmpty();
        assertThat(state.lossWindow.median()).isLessThan(3.0);
    }

    @Test
    void steepFallIsNotASpikeEvenWithoutWarmupBecauseOnlyRisesCount() throws Exception {
        SpikeDetector noWarmup = new SpikeDetector(config.withWarmupSteps(0));
        SpikeState fresh = new SpikeState();
        List<SpikeFinding> findings = new ArrayList<>();
        for (TrainStep step : TraceFixture.read(TraceFixture.TINY_MOE, TrainStep.class)) {
            findings.addAll(noWarmup.observe(fresh, step));
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void nanLossIsAnImmediatePersistentSpike() {
        feedBaseline(1, 150);
        List<SpikeFinding> out = feed(151, Double.NaN, 1.0);
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SpikeFinding.Kind.PERSISTENT);
            assertThat(f.needsRollback()).isTrue();
            assertThat(f.onsetStep()).isEqualTo(151);
            assertThat(f.onsetTs()).isEqualTo(T0 + 151_000);
            assertThat(f.trigger()).isEqualTo("non_finite");
        });
    }

    @Test
    void infiniteGradNormDuringWarmupIsStillASpike() {
        assertThat(feed(1, 250.0, Double.POSITIVE_INFINITY))
                .extracting(SpikeFinding::kind).containsExactly(SpikeFinding.Kind.PERSISTENT);
    }

    @Test
    void bloomLikeSpikeThatRecoversIsTransient() {
        feedBaseline(1, 200);
        // grad norm 1 -> 960 and a loss bump that decays back within ~15 steps (BLOOM-176B chronicle)
        assertThat(feed(201, 2.6, 960.0)).extracting(SpikeFinding::kind)
                .containsExactly(SpikeFinding.Kind.OPENED);
        List<SpikeFinding> after = new ArrayList<>();
        double[] bump = {4.0, 3.6, 3.2, 2.9, 2.75, 2.7, 2.65, 2.62, 2.6, 2.58, 2.55};
        for (int i = 0; i < bump.length; i++) {
            after.addAll(feed(202 + i, bump[i], 1.0));
        }
        after.addAll(feedBaseline(213, 240));
        assertThat(after).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SpikeFinding.Kind.TRANSIENT);
            assertThat(f.needsRollback()).isFalse();
            assertThat(f.onsetStep()).isEqualTo(201);
            assertThat(f.trigger()).isEqualTo("grad_norm");
            assertThat(f.peakLoss()).isEqualTo(4.0);
            assertThat(f.peakStep()).isEqualTo(202);
        });
    }

    @Test
    void lossThatStaysElevatedIsPersistentAfterRSteps() {
        feedBaseline(1, 200);
        List<SpikeFinding> out = new ArrayList<>();
        for (long s = 201; s <= 260; s++) {
            out.addAll(feed(s, 3.4, 1.0));
        }
        assertThat(out).extracting(SpikeFinding::kind)
                .containsExactly(SpikeFinding.Kind.OPENED, SpikeFinding.Kind.PERSISTENT);
        assertThat(out.get(1).step()).isEqualTo(201 + config.persistAfterSteps());
        assertThat(out.get(1).onsetStep()).isEqualTo(201);
        assertThat(out.get(1).trigger()).isEqualTo("loss");
    }

    @Test
    void downwardDeviationIsNotASpike() {
        feedBaseline(1, 200);
        assertThat(feed(201, 1.0, 0.1)).isEmpty();
    }

    @Test
    void smallNoisyRiseBelowRelativeJumpIsNotASpike() {
        feedBaseline(1, 200);
        // far above the MAD band but only 6% above the median
        assertThat(feed(201, 2.65, 1.0)).isEmpty();
    }

    @Test
    void noNewIncidentWhileOneIsOpenButAgainAfterRecovery() {
        feedBaseline(1, 200);
        assertThat(feed(201, 3.5, 1.0)).extracting(SpikeFinding::kind).containsExactly(SpikeFinding.Kind.OPENED);
        assertThat(feed(202, 3.9, 1.0)).isEmpty();
        assertThat(feedBaseline(203, 210)).extracting(SpikeFinding::kind)
                .containsExactly(SpikeFinding.Kind.TRANSIENT);
        assertThat(feed(211, 3.5, 1.0)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SpikeFinding.Kind.OPENED);
            assertThat(f.onsetStep()).isEqualTo(211);
        });
    }

    @Test
    void persistentIncidentClosesWhenTheJobRestartsFromAnEarlierStep() {
        feedBaseline(1, 200);
        feed(201, Double.NaN, null);
        List<SpikeFinding> out = feed(150, baseline(150), 1.0);
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SpikeFinding.Kind.CLOSED);
            assertThat(f.onsetStep()).isEqualTo(201);
        });
        assertThat(state.open).isFalse();
    }

    @Test
    void duplicateStepIsIgnored() {
        feedBaseline(1, 200);
        feed(201, 3.5, 1.0);
        assertThat(feed(201, 3.5, 1.0)).isEmpty();
        assertThat(state.stepsSeen).isEqualTo(201);
    }

    @Test
    void indexesStepsByEventTime() {
        feedBaseline(1, 50);
        assertThat(state.clock.stepAtOrBefore(T0 + 20_500)).hasValue(20);
        assertThat(state.clock.stepAtOrBefore(T0)).isEmpty();
    }
}
