package io.ballast.jobs.replay;

import io.ballast.codec.JsonCodec;
import io.ballast.events.Alert;
import io.ballast.events.Checkpoint;
import io.ballast.events.Drain;
import io.ballast.events.GpuSample;
import io.ballast.events.JobTopology;
import io.ballast.events.Rollback;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollback decisions through the whole pipeline, for the loss patterns practitioners report. */
class ReplayRollbackTest {
    static final long T0 = 1_795_486_326_000L;
    static final int STEPS = 400;

    @TempDir
    Path dir;

    @Test
    void aNanLossRollsBackToTheNewestSavedCheckpointBeforeIt() throws Exception {
        List<SpecificRecord> actions = replay(trace(step -> step >= 330 ? Double.NaN : healthy(step), List.of()));
        Rollback r = single(actions);
        assertThat(r.getSpikeStep()).isEqualTo(330);
        assertThat(r.getTargetStep()).isEqualTo(300);
        assertThat(r.getTargetUri()).isEqualTo("s3://ckpt/job-a/step-300");
        assertThat(r.getSkipFromStep()).isEqualTo(301);
        assertThat(r.getSkipToStep()).isGreaterThan(330);
        assertThat(r.getSuspectNodes()).isEmpty();
    }

    @Test
    void aBenignTransientSpikeIsAnnotatedAndNotRolledBack() throws Exception {
        List<SpecificRecord> actions = replay(trace(step -> step == 330 || step == 331 ? 3 * healthy(step) : healthy(step), List.of()));
        assertThat(actions).noneMatch(a -> a instanceof Rollback);
        assertThat(actions).filteredOn(a -> a instanceof Alert).map(a -> (Alert) a)
                .anySatisfy(a -> assertThat(a.getName()).isEqualTo("loss_spike_transient"));
    }

    @Test
    void aSpikeMinutesAfterAnXid79OnAJobNodeRollsBackToBeforeTheXidAndNamesTheNode() throws Exception {
        Xid xid = Xid.newBuilder().setTs(tsOf(305)).setNode("n2").setGpu(1).setXid(79).setMessage("GPU has fallen off the bus.").build();
        List<SpecificRecord> actions = replay(trace(step -> step >= 330 ? 3 * healthy(step) : healthy(step), List.of(xid)));
        Rollback r = single(actions);
        assertThat(r.getTargetStep()).isEqualTo(300);
        assertThat(r.getSuspectNodes()).containsExactly("n2");
        assertThat(r.getEvidence()).anyMatch(e -> e.contains("n2"));
        assertThat(actions).filteredOn(a -> a instanceof Drain).map(a -> ((Drain) a).getNode()).containsExactly("n2");
    }

    @Test
    void aHealthyRunRollsNothingBack() throws Exception {
        assertThat(replay(trace(ReplayRollbackTest::healthy, List.of()))).noneMatch(a -> a instanceof Rollback);
    }

    /** A smooth loss curve with a little deterministic noise. */
    static double healthy(int step) {
        return 2.0 + 8.0 / Math.sqrt(step) + 0.01 * Math.sin(step * 1.7);
    }

    static long tsOf(int step) {
        return T0 + step * 1_000L;
    }

    private static Rollback single(List<SpecificRecord> actions) {
        List<Rollback> rollbacks = actions.stream().filter(a -> a instanceof Rollback).map(a -> (Rollback) a).toList();
        assertThat(rollbacks).hasSize(1);
        return rollbacks.get(0);
    }

    private static List<SpecificRecord> trace(IntToDoubleFunction loss, List<SpecificRecord> extra) {
        List<SpecificRecord> records = new ArrayList<>();
        records.add(JobTopology.newBuilder().setTs(T0).setJob("job-a").setNodes(List.of("n1", "n2")).build());
        for (String node : List.of("n1", "n2")) {
            records.add(GpuSample.newBuilder().setTs(T0).setNode(node).setGpu(1).build());
        }
        for (int step = 1; step <= STEPS; step++) {
            records.add(TrainStep.newBuilder().setTs(tsOf(step)).setJob("job-a").setStep(step).setLoss(loss.applyAsDouble(step))
                    .setGradNorm(1.0).build());
            if (step % 50 == 0) {
                records.add(Checkpoint.newBuilder().setTs(tsOf(step) + 500).setJob("job-a").setStep(step)
                        .setUri("s3://ckpt/job-a/step-" + step).setStatus("saved").build());
            }
        }
        records.addAll(extra);
        records.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
        return records;
    }

    private List<SpecificRecord> replay(List<SpecificRecord> records) throws Exception {
        return ReplayActions.of(dir, records.stream().map(JsonCodec::toJson).toList());
    }
}
