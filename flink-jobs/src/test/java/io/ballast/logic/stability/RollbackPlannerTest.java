package io.ballast.logic.stability;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackPlannerTest {
    private static final long T0 = 1_800_000_000_000L;
    /** 20 s per step, like DeepSeek-V3. */
    private static final long STEP_MS = 20_000;
    private final StabilityConfig config = StabilityConfig.defaults();
    private final RollbackPlanner planner = new RollbackPlanner(config);
    private final CheckpointRegistry registry = new CheckpointRegistry(config);
    private final CheckpointRegistryState checkpoints = new CheckpointRegistryState();
    private final SpikeState spikes = new SpikeState();
    private final SpikeDetector detector = new SpikeDetector(config);

    private static long tsOf(long step) {
        return T0 + step * STEP_MS;
    }

    @BeforeEach
    void history() {
        for (long step = 1; step <= 1000; step++) {
            detector.observe(spikes, "job-a", step, tsOf(step), 2.5, 1.0);
        }
        for (long step = 100; step <= 1000; step += 100) {
            registry.record(checkpoints, step, "s3://ckpt/" + step, CheckpointRegistry.SAVED, tsOf(step));
        }
    }

    private SpikeFinding persistentSpikeAt(long onset) {
        return new SpikeFinding(SpikeFinding.Kind.PERSISTENT, "job-a", onset + 30, tsOf(onset + 30), onset,
                tsOf(onset), "loss", onset + 2, 9.5, 2.5, "test");
    }

    @Test
    void spikeWithoutEvidenceTargetsNewestSavedBeforeOnsetAndSkipsPalmStyle() {
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of()).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(900L);
        assertThat(plan.targetUri()).isEqualTo("s3://ckpt/900");
        assertThat(plan.skipFromStep()).isEqualTo(901); // onset - 100 = 850 is before the target
        assertThat(plan.skipToStep()).isEqualTo(950 + config.skipAfterOnset());
        assertThat(plan.suspectNodes()).isEmpty();
        assertThat(plan.hardwareCause()).isFalse();
        assertThat(plan.reason()).contains("step 950").contains("step 900");
    }

    @Test
    void anOpenedSpikeRolledBackOnEvidenceIsNotCalledPersistent() {
        Evidence sdc = new Evidence(Evidence.Kind.SDC_FAILED, "node-7", tsOf(890), 890L, "recompute_checksum failed");
        SpikeFinding opened = new SpikeFinding(SpikeFinding.Kind.OPENED, "job-a", 910, tsOf(910), 910, tsOf(910), "grad_norm",
                910, 9.5, 2.5, "test");

        String reason = planner.plan(spikes, opened, checkpoints, List.of(sdc)).orElseThrow().reason();

        assertThat(reason).startsWith("grad_norm spike from step 910").contains("not waited out")
                .contains("SDC_FAILED on node-7 precedes it").doesNotContain("persistent");
        assertThat(planner.plan(new SpikeState(), persistentSpikeAt(910), checkpoints, List.of(sdc)).orElseThrow().reason())
                .startsWith("persistent loss spike from step 910");
    }

    @Test
    void sdcCausedSpikeTargetsBeforeTheSdcEvidence() {
        // without evidence the onset 910 would give 900; the failed check at step 890 came first
        Evidence sdc = new Evidence(Evidence.Kind.SDC_FAILED, "node-7", tsOf(890), 890L, "recompute_checksum failed");
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(910), checkpoints, List.of(sdc)).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(800L);
        assertThat(plan.troubleStep()).isEqualTo(890);
        assertThat(plan.hardwareCause()).isTrue();
        assertThat(plan.suspectNodes()).containsExactly("node-7");
        assertThat(plan.evidence()).singleElement().asString().contains("SDC_FAILED").contains("node-7");
    }

    @Test
    void xid79AFewMinutesBeforeTheSpikeTargetsBeforeTheXid() {
        // Xid 79 (GPU fell off the bus) 4 minutes = 12 steps before onset 905; only its ts is known
        Evidence xid = new Evidence(Evidence.Kind.XID, "node-3", tsOf(905) - 4 * 60_000 + 5_000, null,
                "Xid 79: GPU has fallen off the bus");
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(905), checkpoints, List.of(xid)).orElseThrow();
        assertThat(plan.troubleStep()).isEqualTo(893);
        assertThat(plan.targetStep()).isEqualTo(800L); // 900 lies after the Xid
        assertThat(plan.suspectNodes()).containsExactly("node-3");
        assertThat(plan.reason()).contains("XID on node-3");
    }

    @Test
    void evidenceOutsideTheLookbackIsIgnored() {
        Evidence old = new Evidence(Evidence.Kind.ECC, "node-1", tsOf(950) - config.evidenceLookbackMs() - 1, null,
                "old SBE burst");
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of(old)).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(900L);
        assertThat(plan.suspectNodes()).isEmpty();
    }

    @Test
    void evidenceAfterTheOnsetNamesASuspectButDoesNotMoveTheTarget() {
        Evidence later = new Evidence(Evidence.Kind.NIC, "node-2", tsOf(960), null, "link_downed +1");
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of(later)).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(900L);
        assertThat(plan.suspectNodes()).containsExactly("node-2");
        assertThat(plan.hardwareCause()).isFalse();
    }

    @Test
    void failedCheckpointIsNeverTheTarget() {
        registry.record(checkpoints, 940, "s3://ckpt/940", CheckpointRegistry.FAILED, tsOf(940));
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of()).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(900L);
    }

    @Test
    void withoutAnEarlierSavedCheckpointThePlanSaysThereIsNoTarget() {
        RollbackPlan plan = planner.plan(spikes, persistentSpikeAt(60), checkpoints, List.of()).orElseThrow();
        assertThat(plan.hasTarget()).isFalse();
        assertThat(plan.targetUri()).isNull();
        assertThat(plan.reason()).contains("no rollback target");
        assertThat(plan.skipFromStep()).isZero();
    }

    @Test
    void onlyOneRollbackPerIncident() {
        assertThat(planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of())).isPresent();
        assertThat(planner.plan(spikes, persistentSpikeAt(950), checkpoints, List.of())).isEmpty();
        assertThat(planner.plan(spikes, persistentSpikeAt(990), checkpoints, List.of())).isPresent();
    }

    @Test
    void palmMarginPrefersACheckpointAHundredStepsBeforeOnset() {
        RollbackPlanner palm = new RollbackPlanner(config.withRollbackMarginSteps(100));
        RollbackPlan plan = palm.plan(spikes, persistentSpikeAt(950), checkpoints, List.of()).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(800L);
        assertThat(plan.skipFromStep()).isEqualTo(850);
    }

    @Test
    void palmMarginFallsBackToNewestBeforeOnsetWhenNothingIsOldEnough() {
        RollbackPlanner palm = new RollbackPlanner(config.withRollbackMarginSteps(100));
        RollbackPlan plan = palm.plan(spikes, persistentSpikeAt(150), checkpoints, List.of()).orElseThrow();
        assertThat(plan.targetStep()).isEqualTo(100L);
        assertThat(plan.reason()).contains("using the newest before it");
    }
}
