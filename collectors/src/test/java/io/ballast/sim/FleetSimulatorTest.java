package io.ballast.sim;

import io.ballast.codec.JsonCodec;
import io.ballast.contract.EventType;
import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.JobTopology;
import io.ballast.events.NicCounters;
import io.ballast.events.TrainStep;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.ballast.sim.SimRuns.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FleetSimulatorTest {
    private static final SimConfig CONFIG = SimConfig.defaults();

    @Test
    void sameSeedAndConfigGiveTheSameRecords() {
        List<String> first = SimRuns.all(CONFIG, FaultScript.defaults()).stream().map(JsonCodec::toJson).toList();
        List<String> second = SimRuns.all(CONFIG, FaultScript.defaults()).stream().map(JsonCodec::toJson).toList();
        List<String> otherSeed = SimRuns.all(CONFIG.withSeed(7), FaultScript.defaults()).stream().map(JsonCodec::toJson).toList();

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void recordsComeInNonDecreasingTsInsideTheRun() {
        List<SpecificRecord> records = SimRuns.all(CONFIG, FaultScript.defaults());

        long previous = Long.MIN_VALUE;
        for (SpecificRecord r : records) {
            long ts = Records.ts(r);
            assertThat(ts).isGreaterThanOrEqualTo(previous).isGreaterThanOrEqualTo(CONFIG.startTs()).isLessThan(CONFIG.endTs());
            previous = ts;
        }
    }

    @Test
    void ratesPerSimulatedMinuteMatchTheConfig() {
        List<SpecificRecord> records = SimRuns.all(CONFIG.withDuration(Duration.ofMinutes(3)), FaultScript.none());
        Map<EventType, Long> perType = records.stream().collect(Collectors.groupingBy(EventType::of, Collectors.counting()));
        double minutes = 3;

        assertThat(perType.get(EventType.GPU_SAMPLE) / minutes).isCloseTo(16 * 8 * 12, within(16 * 8.0));
        assertThat(perType.get(EventType.NIC_COUNTERS) / minutes).isCloseTo(16 * 8 * 12, within(16 * 8.0));
        assertThat(perType.get(EventType.TRAIN_STEP) / minutes).isCloseTo(2 * 60, within(2.0));
        assertThat(perType.get(EventType.EXPERT_LOAD) / minutes).isCloseTo(2 * 60 * 4 * 4, within(32.0));
        assertThat(perType.get(EventType.CHECKPOINT)).isEqualTo(2 * 3);
        assertThat(perType.get(EventType.JOB_TOPOLOGY)).isEqualTo(2);
        assertThat(perType).doesNotContainKey(EventType.XID);
    }

    @Test
    void steadyStateValuesAreRealistic() {
        List<SpecificRecord> records = SimRuns.all(CONFIG, FaultScript.none());

        assertThat(of(records, GpuSample.class)).allSatisfy(g -> {
            assertThat(g.getTempC()).isBetween(45.0, 80.0);
            assertThat(g.getPowerW()).isBetween(450.0, 700.0);
            assertThat(g.getEccDbeVolatileTotal()).isZero();
            assertThat(g.getRemapFailure()).isFalse();
        });
        assertThat(of(records, NicCounters.class)).allSatisfy(n -> {
            assertThat(n.getDevice()).isEqualTo("mlx5_" + n.getPlane());
            assertThat(n.getSwitch$()).isEqualTo("leaf-p" + n.getPlane() + "-" + ((Integer.parseInt(n.getNode().substring(9)) - 1) / 8));
            assertThat(n.getCounters()).containsEntry("symbol_error", 0L).containsEntry("link_downed", 0L)
                    .containsEntry("port_rcv_errors", 0L);
        });
        Map<String, List<NicCounters>> byPort = of(records, NicCounters.class)
                .collect(Collectors.groupingBy(n -> n.getNode() + "/" + n.getDevice()));
        assertThat(byPort).hasSize(16 * 8).allSatisfy((port, samples) -> {
            assertThat(samples.stream().map(NicCounters::getBootId).distinct()).hasSize(1);
            for (int i = 1; i < samples.size(); i++) {
                long units = samples.get(i).getCounters().get("port_xmit_data") - samples.get(i - 1).getCounters().get("port_xmit_data");
                double gbytesPerSecond = units * 4.0 / 5 / 1e9;
                assertThat(gbytesPerSecond).as(port).isBetween(5.0, 50.0);
            }
        });
        List<TrainStep> steps = of(records, TrainStep.class).filter(s -> s.getJob().equals("job-moe-1")).toList();
        assertThat(steps.get(0).getLoss()).isBetween(9.0, 11.0);
        assertThat(steps.get(steps.size() - 1).getLoss()).isBetween(1.9, 2.5);
        assertThat(steps).allSatisfy(s -> assertThat(s.getGradNorm()).isBetween(0.7, 1.3));
    }

    @Test
    void jobTopologySpreadsExpertsOverTheJobsNodes() {
        List<JobTopology> topologies = of(SimRuns.all(CONFIG.withDuration(Duration.ofSeconds(10)), FaultScript.none()), JobTopology.class).toList();

        assertThat(topologies).hasSize(2).allSatisfy(t -> {
            assertThat(t.getTs()).isEqualTo(CONFIG.startTs());
            assertThat(t.getNodes()).hasSize(8);
            assertThat(t.getExperts()).isEqualTo(16);
            assertThat(t.getBiasUpdateRate()).isEqualTo(0.001);
            assertThat(t.getExpertHosts()).hasSize(16)
                    .allSatisfy(h -> assertThat(t.getNodes()).contains(h.substring(0, h.indexOf('/'))));
            assertThat(t.getExpertHosts().stream().map(h -> h.substring(0, h.indexOf('/'))).distinct()).hasSize(8);
        });
        assertThat(topologies.get(0).getNodes()).doesNotContainAnyElementsOf(topologies.get(1).getNodes());
    }

    @Test
    void expertLoadPartialReportsSumToTheGlobalCounts() {
        List<ExpertLoad> loads = of(SimRuns.all(CONFIG.withDuration(Duration.ofSeconds(30)), FaultScript.none()), ExpertLoad.class).toList();
        Map<String, List<ExpertLoad>> byStepLayer = loads.stream()
                .collect(Collectors.groupingBy(l -> l.getJob() + "/" + l.getStep() + "/" + l.getLayer()));

        assertThat(byStepLayer).hasSize(2 * 29 * 4).allSatisfy((key, reports) -> {
            assertThat(reports).extracting(ExpertLoad::getRank).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(reports).allSatisfy(r -> {
                assertThat(r.getRanks()).isEqualTo(4);
                assertThat(r.getCounts()).hasSize(16);
            });
            long routed = reports.stream().flatMap(r -> r.getCounts().stream()).mapToLong(Long::longValue).sum();
            assertThat(routed).as("tokens x topK of %s", key).isEqualTo(2048L * 2);
        });
    }

    @Test
    void checkpointsEveryNStepsAreSaved() {
        List<Checkpoint> checkpoints = of(SimRuns.all(CONFIG, FaultScript.none()), Checkpoint.class).toList();

        assertThat(checkpoints).extracting(Checkpoint::getStep).containsExactly(50L, 50L, 100L, 100L);
        assertThat(checkpoints).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("saved");
            assertThat(c.getUri()).isEqualTo(String.format("s3://ckpt/%s/step-%06d", c.getJob(), c.getStep()));
        });
    }

    @Test
    void streamsLazilyEvenForAYearLongRun() {
        FleetSimulator sim = new FleetSimulator(CONFIG.withDuration(Duration.ofDays(365)), FaultScript.none());
        Iterator<SpecificRecord> records = sim.records();

        for (int i = 0; i < 10_000; i++) {
            assertThat(records.hasNext()).isTrue();
            records.next();
        }
        assertThatThrownBy(sim::records).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadBiasAndUnknownJob() {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.none());

        assertThatThrownBy(() -> sim.applyBias("job-x", 0, new double[16])).hasMessageContaining("unknown job 'job-x'");
        assertThatThrownBy(() -> sim.applyBias("job-moe-1", 9, new double[16])).hasMessageContaining("MoE layers 0..3");
        assertThatThrownBy(() -> sim.applyBias("job-moe-1", 0, new double[3])).hasMessageContaining("3 entries");
    }

    @Test
    void rejectsAScriptThatDoesNotFitTheRun() {
        assertThatThrownBy(() -> new FleetSimulator(CONFIG.withDuration(Duration.ofSeconds(40)), FaultScript.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAILED_CHECKPOINT");
    }

    @Test
    void defaultScriptInjectsEveryKindWithinTwoMinutes() {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.defaults());

        assertThat(sim.faults()).extracting(InjectedFault::kind).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(sim.faults()).extracting(InjectedFault::id).doesNotHaveDuplicates();
        assertThat(sim.faults()).allSatisfy(f -> {
            assertThat(f.injectedAt()).isBetween(CONFIG.startTs(), CONFIG.endTs() - 10_000);
            assertThat(f.expectations()).isNotEmpty();
            assertThat(f.expected()).isNotBlank();
        });
        Map<FaultKind, InjectedFault> byKind = sim.faults().stream().collect(Collectors.toMap(InjectedFault::kind, Function.identity()));
        assertThat(byKind.get(FaultKind.FAILED_CHECKPOINT).expectations().get(0).step()).isEqualTo(100L);
        assertThat(byKind.get(FaultKind.SDC_LOSS_SPIKE).expectations().get(0))
                .isEqualTo(Expectation.rollback("job-moe-1", 50L));
    }

    @Test
    void scriptsFilterByKind() {
        FaultScript onlyXid = FaultScript.defaults().only(FaultKind.XID_79);
        FaultScript noXid = FaultScript.defaults().without(FaultKind.XID_79);

        assertThat(onlyXid.faults()).extracting(FaultScript.ScriptedFault::kind).containsExactly(FaultKind.XID_79);
        assertThat(noXid.faults()).extracting(FaultScript.ScriptedFault::kind).hasSize(7).doesNotContain(FaultKind.XID_79);
        assertThat(Arrays.stream(FaultKind.values())).allSatisfy(k ->
                assertThat(new FleetSimulator(CONFIG, FaultScript.defaults().only(k)).faults()).extracting(InjectedFault::kind).containsExactly(k));
    }
}
