package io.ballast.jobs.stability;

import io.ballast.events.Alert;
import io.ballast.events.Checkpoint;
import io.ballast.events.JobTopology;
import io.ballast.events.Rollback;
import io.ballast.events.TrainStep;
import io.ballast.logic.stability.Evidence;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.Decision;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spike opened on a job whose node failed an SDC check just before is rolled back at once, whichever input the
 * operator saw first: the evidence before the watermark passed the spike, or the watermark first (an idle SDC stream,
 * a backlog read topic by topic after a restore) and the evidence late. The TaskManager-kill test lost its rollback so.
 */
class StabilityLateEvidenceTest {
    static final long T0 = 1_795_486_326_000L;
    static final int SPIKE_STEP = 330;
    static final int LAST_STEP = 350; // the spike would turn persistent only 30 steps in: it stays an opened one

    KeyedBroadcastOperatorTestHarness<String, JobSignal, NodeEvidence, Rollback> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new StabilityFunction(StabilityConfig.defaults(), Duration.ofMinutes(30)), StabilityStage::key, Types.STRING,
                StabilityFunction.EVIDENCE);
        harness.processElement(JobSignal.of(JobTopology.newBuilder().setTs(T0).setJob("job-a").setNodes(List.of("n1", "n2")).build()), T0);
        for (int step = 1; step <= LAST_STEP; step++) {
            double loss = step >= SPIKE_STEP ? 3 * healthy(step) : healthy(step);
            harness.processElement(JobSignal.of(TrainStep.newBuilder().setTs(tsOf(step)).setJob("job-a").setStep(step).setLoss(loss)
                    .setGradNorm(1.0).build()), tsOf(step));
            if (step % 50 == 0) {
                harness.processElement(JobSignal.of(Checkpoint.newBuilder().setTs(tsOf(step) + 500).setJob("job-a").setStep(step)
                        .setUri("s3://ckpt/job-a/step-" + step).setStatus("saved").build()), tsOf(step) + 500);
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void evidenceBeforeTheWatermarkRollsBackWhenTheWatermarkPassesTheSpike() throws Exception {
        harness.processBroadcastElement(sdcFailed("n2", tsOf(320)), tsOf(320));
        passWatermark(tsOf(LAST_STEP));

        assertRolledBackOnceWithN2Suspect();
    }

    @Test
    void evidenceArrivingAfterTheWatermarkPassedTheSpikeRollsBackTheSame() throws Exception {
        passWatermark(tsOf(LAST_STEP));
        assertThat(harness.extractOutputValues()).as("judged without evidence: nothing yet").isEmpty();

        harness.processBroadcastElement(sdcFailed("n2", tsOf(320)), tsOf(320));

        assertRolledBackOnceWithN2Suspect();
    }

    @Test
    void bothOrdersGiveTheSameRollbackAlertAndDrainCandidate() throws Exception {
        harness.processBroadcastElement(sdcFailed("n2", tsOf(320)), tsOf(320));
        passWatermark(tsOf(LAST_STEP));
        Outcome inOrder = outcome();
        close();

        open();
        passWatermark(tsOf(LAST_STEP));
        harness.processBroadcastElement(sdcFailed("n2", tsOf(320)), tsOf(320));

        assertThat(outcome()).isEqualTo(inOrder);
    }

    @Test
    void lateEvidenceAfterTheOnsetDoesNotCorroborateTheSpike() throws Exception {
        passWatermark(tsOf(LAST_STEP));
        harness.processBroadcastElement(sdcFailed("n2", tsOf(SPIKE_STEP + 5)), tsOf(SPIKE_STEP + 5));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void lateEvidenceOnANodeOfAnotherJobDoesNotCorroborateTheSpike() throws Exception {
        passWatermark(tsOf(LAST_STEP));
        harness.processBroadcastElement(sdcFailed("n9", tsOf(320)), tsOf(320));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aSpikeRolledBackOnLateEvidenceIsNotRolledBackAgainByMoreLateEvidence() throws Exception {
        passWatermark(tsOf(LAST_STEP));
        harness.processBroadcastElement(sdcFailed("n2", tsOf(320)), tsOf(320));
        harness.processBroadcastElement(sdcFailed("n1", tsOf(322)), tsOf(322));

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    private void assertRolledBackOnceWithN2Suspect() {
        List<Rollback> rollbacks = harness.extractOutputValues();
        assertThat(rollbacks).hasSize(1);
        Rollback r = rollbacks.get(0);
        assertThat(r.getSpikeStep()).isEqualTo(SPIKE_STEP);
        assertThat(r.getTargetStep()).isEqualTo(300);
        assertThat(r.getSuspectNodes()).containsExactly("n2");
        assertThat(r.getTs()).isEqualTo(tsOf(SPIKE_STEP));
        assertThat(drainCandidates()).extracting(Decision::getNode).containsExactly("n2");
    }

    private void passWatermark(long ts) throws Exception {
        harness.processWatermark(ts);
        harness.processBroadcastWatermark(ts);
    }

    private record Outcome(List<Rollback> rollbacks, List<Alert> alerts, List<String> drainNodes) {}

    private Outcome outcome() {
        return new Outcome(harness.extractOutputValues(), values(StabilityFunction.ALERTS),
                drainCandidates().stream().map(Decision::getNode).toList());
    }

    private List<Decision> drainCandidates() {
        return values(StabilityFunction.DRAIN_CANDIDATES);
    }

    private <T> List<T> values(org.apache.flink.util.OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static NodeEvidence sdcFailed(String node, long ts) {
        return new NodeEvidence("default", node, Evidence.Kind.SDC_FAILED, ts, null, "sdc_check failed on " + node);
    }

    static double healthy(int step) {
        return 2.0 + 8.0 / Math.sqrt(step) + 0.01 * Math.sin(step * 1.7);
    }

    static long tsOf(int step) {
        return T0 + step * 1_000L;
    }
}
