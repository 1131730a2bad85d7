package io.ballast.logic.stability;

import io.ballast.events.SdcCheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SdcTrackerTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final long MIN = 60_000;
    private final StabilityConfig config = StabilityConfig.defaults();
    private final SdcTracker tracker = new SdcTracker(config);
    private final SdcState state = new SdcState();

    private SdcVerdict fail(long ts) {
        return tracker.onCheck(state, SdcCheck.newBuilder().setNode("node-7").setGpu(3).setStep(1200L)
                .setCheck("recompute_checksum").setPassed(false).setDetail("checksum mismatch").setTs(ts).build());
    }

    @Test
    void failedCheckMarksTheNodeSuspectForTheWindow() {
        assertThat(fail(T0).kind()).isEqualTo(SdcVerdict.Kind.SUSPECT);
        assertThat(tracker.isSuspect(state, T0 + 30 * MIN)).isTrue();
        assertThat(tracker.isSuspect(state, T0 + config.sdcSuspectWindowMs() + 1)).isFalse();
    }

    @Test
    void passedCheckSuggestsNothingAndDoesNotClearASuspect() {
        fail(T0);
        SdcVerdict v = tracker.onCheck(state, "node-7", 3, 1201L, "recompute_checksum", true, null, T0 + MIN);
        assertThat(v.kind()).isEqualTo(SdcVerdict.Kind.NONE);
        assertThat(tracker.isSuspect(state, T0 + 2 * MIN)).isTrue();
    }

    @Test
    void spikeOnASuspectNodeMeansRollbackAndDrain() {
        fail(T0);
        SdcVerdict v = tracker.onSpike(state, "node-7", "job-a", 1210, T0 + 5 * MIN);
        assertThat(v.kind()).isEqualTo(SdcVerdict.Kind.ROLLBACK_AND_DRAIN);
        assertThat(v.job()).isEqualTo("job-a");
        assertThat(v.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.SDC_FAILED);
            assertThat(e.step()).isEqualTo(1200L);
            assertThat(e.description()).contains("recompute_checksum").contains("gpu 3");
        });
    }

    @Test
    void failureShortlyAfterASpikeAlsoMeansRollbackAndDrain() {
        assertThat(tracker.onSpike(state, "node-7", "job-a", 1210, T0).kind()).isEqualTo(SdcVerdict.Kind.NONE);
        assertThat(fail(T0 + 10 * MIN).kind()).isEqualTo(SdcVerdict.Kind.ROLLBACK_AND_DRAIN);
    }

    @Test
    void spikeLongAfterTheFailureIsNotLinked() {
        fail(T0);
        assertThat(tracker.onSpike(state, "node-7", "job-a", 5000, T0 + config.sdcSuspectWindowMs() + MIN).kind())
                .isEqualTo(SdcVerdict.Kind.NONE);
    }

    @Test
    void repeatedFailuresWithoutSpikeSuggestOneDrain() {
        assertThat(fail(T0).kind()).isEqualTo(SdcVerdict.Kind.SUSPECT);
        SdcVerdict second = fail(T0 + 90 * MIN);
        assertThat(second.kind()).isEqualTo(SdcVerdict.Kind.DRAIN);
        assertThat(second.evidence()).hasSize(2);
        assertThat(fail(T0 + 120 * MIN).kind()).isEqualTo(SdcVerdict.Kind.SUSPECT); // not drained twice
    }

    @Test
    void failuresFurtherApartThanTheDrainWindowDoNotDrain() {
        fail(T0);
        assertThat(fail(T0 + config.sdcDrainWindowMs() + MIN).kind()).isEqualTo(SdcVerdict.Kind.SUSPECT);
    }
}
