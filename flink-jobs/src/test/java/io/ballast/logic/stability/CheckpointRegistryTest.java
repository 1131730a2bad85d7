package io.ballast.logic.stability;

import io.ballast.events.Checkpoint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointRegistryTest {
    private final CheckpointRegistry registry = new CheckpointRegistry(StabilityConfig.defaults());
    private final CheckpointRegistryState state = new CheckpointRegistryState();

    private boolean save(long step) {
        return registry.record(state, step, "s3://ckpt/step-" + step, CheckpointRegistry.SAVED, step * 1000);
    }

    @Test
    void newestSavedStrictlyBeforeAStep() {
        save(50);
        save(100);
        save(150);
        assertThat(registry.newestBefore(state, 150)).get().extracting(c -> c.step).isEqualTo(100L);
        assertThat(registry.newestBefore(state, 151)).get().extracting(c -> c.step).isEqualTo(150L);
        assertThat(registry.newestBefore(state, 50)).isEmpty();
    }

    @Test
    void failedCheckpointIsNeverATarget() {
        save(100);
        boolean accepted = registry.record(state, Checkpoint.newBuilder().setJob("j").setStep(200)
                .setUri("s3://ckpt/step-200").setStatus(CheckpointRegistry.FAILED).setTs(200_000).build());
        assertThat(accepted).isFalse();
        assertThat(state.failedSeen).isEqualTo(1);
        assertThat(registry.newestBefore(state, 300)).get().extracting(c -> c.step).isEqualTo(100L);
    }

    @Test
    void failureReportedForASavedCheckpointRemovesIt() {
        save(100);
        save(200);
        registry.record(state, 200, "s3://ckpt/step-200", CheckpointRegistry.FAILED, 201_000);
        assertThat(registry.newestBefore(state, 300)).get().extracting(c -> c.step).isEqualTo(100L);
    }

    @Test
    void retentionKeepsTheNewestK() {
        CheckpointRegistry small = new CheckpointRegistry(StabilityConfig.defaults().withCheckpointRetention(3));
        for (long step = 50; step <= 300; step += 50) {
            small.record(state, step, "u" + step, CheckpointRegistry.SAVED, step);
        }
        small.record(state, 10, "late-old", CheckpointRegistry.SAVED, 999); // arrives late, older than all kept
        assertThat(state.saved).extracting(c -> c.step).containsExactly(200L, 250L, 300L);
    }

    @Test
    void invalidateAfterDropsTheAbandonedTimeline() {
        save(100);
        save(200);
        save(300);
        registry.invalidateAfter(state, 100);
        assertThat(registry.newestBefore(state, 1_000)).get().extracting(c -> c.step).isEqualTo(100L);
    }

    @Test
    void resavingAStepReplacesItsUri() {
        save(100);
        registry.record(state, 100, "s3://other/100", CheckpointRegistry.SAVED, 5);
        assertThat(state.saved).singleElement().extracting(c -> c.uri).isEqualTo("s3://other/100");
    }
}
