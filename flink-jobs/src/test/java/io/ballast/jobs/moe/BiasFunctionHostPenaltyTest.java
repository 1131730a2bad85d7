package io.ballast.jobs.moe;

import io.ballast.events.BiasUpdate;
import io.ballast.jobs.metrics.Metric;
import io.ballast.logic.moe.DegradedGpu;
import io.ballast.logic.moe.MoeConfig;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bias operator steers load off a degraded GPU: bounded offsets with reasons in bias_update, cleared when quiet. */
class BiasFunctionHostPenaltyTest {
    static final long T0 = 1_795_486_326_000L;
    static final MoeConfig CONFIG = MoeConfig.defaults().withHostPenalty(0.01, 60_000);

    KeyedBroadcastOperatorTestHarness<String, JobInput, DegradedGpu, BiasUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new BiasFunction(CONFIG), JobInput::key,
                Types.STRING, BiasFunction.DEGRADED);
        JobPlacement placement = new JobPlacement();
        placement.cluster = "default";
        placement.job = "moe-1";
        placement.ts = T0;
        placement.expertHosts = List.of("n1/0", "n1/1", "n2/0", "n2/1");
        harness.processElement(JobInput.of(placement), T0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void anNvlinkWarningPutsHalfTheBoundOnTheExpertsOfThatGpuWithItsReason() throws Exception {
        harness.processBroadcastElement(new DegradedGpu("default", "n2", 0, "nvlink_errors", false, T0 + 500), T0 + 500);
        BiasUpdate update = step(1, T0 + 1_000);

        assertThat(update.getHostOffsets()).containsExactly(java.util.Map.entry("2", -0.005));
        assertThat(update.getOffsetReasons()).containsEntry("2", "n2/0: nvlink_errors");
        // counts [10, 10, 10, 10] are balanced: the controller bias stays 0, the published one carries the offset.
        assertThat(update.getBias()).containsExactly(0.0, 0.0, -0.005, 0.0);
    }

    @Test
    void aPendingDrainWithoutAGpuPenalisesEveryExpertOfTheNodeWithTheFullBound() throws Exception {
        harness.processBroadcastElement(new DegradedGpu("default", "n1", null, "xid_79", true, T0 + 500), T0 + 500);
        BiasUpdate update = step(1, T0 + 1_000);

        assertThat(update.getHostOffsets()).containsOnlyKeys("0", "1").containsValues(-0.01, -0.01);
        assertThat(update.getOffsetReasons().get("0")).isEqualTo("n1: xid_79 (drain pending)");
    }

    @Test
    void theOffsetClearsAfterAQuietPeriodWithoutNewFindings() throws Exception {
        harness.processBroadcastElement(new DegradedGpu("default", "n2", 1, "pcie_replay_rate", false, T0 + 500), T0 + 500);
        assertThat(step(1, T0 + 1_000).getHostOffsets()).containsOnlyKeys("3");

        BiasUpdate later = step(2, T0 + 500 + 60_001);
        assertThat(later.getHostOffsets()).isNull();
        assertThat(later.getBias()).containsExactly(0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void balanceMetricsCarryDeadExpertsAndPerNodeLoadWithoutStepTags() throws Exception {
        step(1, T0 + 1_000);
        List<Metric> metrics = harness.getSideOutput(BiasFunction.METRICS).stream().map(StreamRecord::getValue).toList();

        Metric balance = metrics.stream().filter(m -> m.measurement.equals("moe_balance")).findFirst().orElseThrow();
        assertThat(balance.fields).containsKeys("dead_experts", "max_vio_rolling", "gpu_load_max_over_mean", "node_load_max_over_mean");
        assertThat(metrics).filteredOn(m -> m.measurement.equals("moe_node_load")).extracting(m -> m.tags.get("node"))
                .containsExactly("n1", "n2");
        assertThat(metrics).allSatisfy(m -> assertThat(m.tags).doesNotContainKeys("step", "id", "version"));
    }

    private BiasUpdate step(long step, long ts) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(JobInput.of(new StepLoads("default", "moe-1", step, 0, new long[] {10, 10, 10, 10}, ts)), ts);
        List<BiasUpdate> out = harness.extractOutputValues();
        assertThat(out).hasSize(before + 1);
        return out.get(out.size() - 1);
    }
}
