package io.ballast.sim;

import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;
import io.ballast.events.Xid;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ballast.sim.SimRuns.of;
import static org.assertj.core.api.Assertions.assertThat;

/** Each fault kind, run alone, shows up in the trace as the records a real incident of that kind produces. */
class ScriptedFaultsTest {
    private static final SimConfig CONFIG = SimConfig.defaults();

    @Test
    void xid79TakesTheGpuOffTheBus() {
        Run run = run(FaultKind.XID_79);
        String node = run.fault.expectations().get(0).node();

        List<Xid> xids = of(run.records, Xid.class).toList();
        assertThat(xids).singleElement().satisfies(x -> {
            assertThat(x.getXid()).isEqualTo(79);
            assertThat(x.getNode()).isEqualTo(node);
            assertThat(x.getTs()).isEqualTo(run.fault.injectedAt());
        });
        int gpu = xids.get(0).getGpu();
        assertThat(of(run.records, GpuSample.class).filter(g -> g.getNode().equals(node) && g.getGpu() == gpu))
                .isNotEmpty().allSatisfy(g -> assertThat(g.getTs()).isLessThan(run.fault.injectedAt()));
        assertThat(run.fault.expectations()).containsExactly(Expectation.drain(node));
    }

    @Test
    void eccDoubleBitErrorWithRemapFailure() {
        Run run = run(FaultKind.ECC_DBE_REMAP_FAILURE);
        String node = run.fault.expectations().get(0).node();

        assertThat(of(run.records, Xid.class)).extracting(Xid::getXid).containsExactly(48, 64);
        int gpu = of(run.records, Xid.class).findFirst().orElseThrow().getGpu();
        List<GpuSample> samples = of(run.records, GpuSample.class).filter(g -> g.getNode().equals(node) && g.getGpu() == gpu).toList();
        assertThat(samples.stream().filter(g -> g.getTs() < run.fault.injectedAt())).isNotEmpty()
                .allSatisfy(g -> {
                    assertThat(g.getEccDbeVolatileTotal()).isZero();
                    assertThat(g.getRemapFailure()).isFalse();
                });
        assertThat(samples.stream().filter(g -> g.getTs() > run.fault.injectedAt())).isNotEmpty()
                .allSatisfy(g -> {
                    assertThat(g.getEccDbeVolatileTotal()).isEqualTo(1L);
                    assertThat(g.getRemappedRowsUncorrectable()).isEqualTo(1L);
                    assertThat(g.getRemapFailure()).isTrue();
                });
        assertThat(of(run.records, GpuSample.class).filter(g -> !(g.getNode().equals(node) && g.getGpu() == gpu)))
                .allSatisfy(g -> assertThat(g.getEccDbeVolatileTotal()).isZero());
        assertThat(run.fault.expectations()).containsExactly(Expectation.drain(node));
    }

    @Test
    void applicationXidsAreNotHardwareFaults() {
        Run run = run(FaultKind.APP_XID);
        String node = run.fault.expectations().get(0).node();

        assertThat(of(run.records, Xid.class)).extracting(Xid::getXid).containsExactly(13, 31);
        assertThat(of(run.records, Xid.class)).allSatisfy(x -> {
            assertThat(x.getNode()).isEqualTo(node);
            assertThat(x.getPid()).isNotNull();
        });
        assertThat(of(run.records, GpuSample.class)).allSatisfy(g -> assertThat(g.getRemapFailure()).isFalse());
        assertThat(run.fault.expectations()).containsExactly(Expectation.noDrain(node));
    }

    @Test
    void leafSwitchIncidentHitsOnePlaneOnSeveralNodesBehindOneLeaf() {
        Run run = run(FaultKind.LEAF_SWITCH);
        Expectation alert = run.fault.expectations().get(0);
        List<String> hitNodes = run.fault.expectations().stream().filter(e -> e.kind() == Expectation.Kind.NO_DRAIN).map(Expectation::node).toList();

        assertThat(alert.kind()).isEqualTo(Expectation.Kind.SWITCH_ALERT);
        assertThat(hitNodes).hasSizeGreaterThanOrEqualTo(4);
        Map<String, Long> firstErrorSeen = of(run.records, NicCounters.class)
                .filter(n -> n.getCounters().get("symbol_error") > 0)
                .collect(Collectors.toMap(n -> n.getNode() + "/" + n.getPlane() + "@" + n.getSwitch$(), NicCounters::getTs, Math::min));
        assertThat(firstErrorSeen.keySet()).containsExactlyInAnyOrderElementsOf(
                hitNodes.stream().map(n -> n + "/" + alert.plane() + "@" + alert.switchName()).toList());
        assertThat(firstErrorSeen.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - firstErrorSeen.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(10_000);
        assertThat(of(run.records, NicCounters.class).filter(n -> n.getCounters().get("symbol_error") > 0))
                .allSatisfy(n -> {
                    assertThat(n.getCounters().get("link_error_recovery")).isPositive();
                    assertThat(n.getCounters().get("port_rcv_errors")).isPositive();
                });
    }

    @Test
    void sdcFailureIsFollowedByAPersistentLossSpike() {
        Run run = run(FaultKind.SDC_LOSS_SPIKE);
        Expectation rollback = run.fault.expectations().get(0);
        String node = run.fault.expectations().get(1).node();

        SdcCheck failed = of(run.records, SdcCheck.class).filter(c -> !c.getPassed()).collect(single());
        assertThat(failed.getCheck()).isEqualTo("recompute_checksum");
        assertThat(failed.getNode()).isEqualTo(node);
        assertThat(failed.getJob()).isEqualTo(rollback.job());
        List<TrainStep> steps = of(run.records, TrainStep.class).filter(s -> s.getJob().equals(rollback.job())).toList();
        double before = steps.stream().filter(s -> s.getStep() == failed.getStep()).findFirst().orElseThrow().getLoss();
        List<TrainStep> after = steps.stream().filter(s -> s.getStep() >= failed.getStep() + 5).toList();
        assertThat(after).hasSizeGreaterThan(5).allSatisfy(s -> assertThat(s.getLoss()).isGreaterThan(2.5 * before));
        assertThat(steps.stream().filter(s -> s.getStep() > failed.getStep() && s.getStep() < failed.getStep() + 5))
                .allSatisfy(s -> assertThat(s.getLoss()).isLessThan(1.2 * before));
        assertThat(of(run.records, Checkpoint.class).filter(c -> c.getJob().equals(rollback.job()) && c.getStep() == rollback.step()))
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("saved"));
        assertThat(rollback.step()).isLessThan(failed.getStep());
    }

    @Test
    void hotExpertGetsAboutThreeTimesItsShare() {
        Run run = run(FaultKind.HOT_EXPERT);
        Expectation bias = run.fault.expectations().get(0);

        double before = share(of(run.records, ExpertLoad.class).filter(l -> l.getTs() < run.fault.injectedAt()), bias);
        double after = share(of(run.records, ExpertLoad.class).filter(l -> l.getTs() > run.fault.injectedAt()), bias);

        assertThat(before * 16).isBetween(0.7, 1.3);
        assertThat(after * 16).isBetween(2.4, 3.6);
    }

    @Test
    void rebootChangesBootIdAndRestartsCountersFromZero() {
        Run run = run(FaultKind.NODE_REBOOT);
        String node = run.fault.expectations().get(0).node();

        List<NicCounters> port = of(run.records, NicCounters.class).filter(n -> n.getNode().equals(node) && n.getPlane() == 0).toList();
        List<String> bootIds = port.stream().map(NicCounters::getBootId).distinct().toList();
        assertThat(bootIds).hasSize(2);
        NicCounters lastBefore = port.stream().filter(n -> n.getBootId().equals(bootIds.get(0))).reduce((a, b) -> b).orElseThrow();
        NicCounters firstAfter = port.stream().filter(n -> n.getBootId().equals(bootIds.get(1))).findFirst().orElseThrow();
        assertThat(firstAfter.getTs() - lastBefore.getTs()).isGreaterThanOrEqualTo(15_000);
        assertThat(firstAfter.getCounters().get("port_xmit_data")).isLessThan(lastBefore.getCounters().get("port_xmit_data"))
                .isLessThanOrEqualTo(20_000L * 3_000_000L * 2);
        assertThat(of(run.records, NicCounters.class).filter(n -> !n.getNode().equals(node)).map(NicCounters::getBootId).distinct())
                .hasSize(15);
        assertThat(run.fault.expectations()).containsExactly(Expectation.silent(node));
    }

    @Test
    void failedCheckpointIsMarkedFailed() {
        Run run = run(FaultKind.FAILED_CHECKPOINT);
        Expectation never = run.fault.expectations().get(0);

        assertThat(of(run.records, Checkpoint.class).filter(c -> c.getStatus().equals("failed")))
                .singleElement().satisfies(c -> {
                    assertThat(c.getJob()).isEqualTo(never.job());
                    assertThat(c.getStep()).isEqualTo(never.step());
                    assertThat(c.getTs()).isEqualTo(run.fault.injectedAt());
                });
    }

    @Test
    void biasThatPenalisesTheHotExpertLowersItsShare() {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.defaults().only(FaultKind.HOT_EXPERT));
        Expectation hot = sim.faults().get(0).expectations().get(0);
        List<ExpertLoad> loads = new ArrayList<>();
        for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
            SpecificRecord r = it.next();
            if (r instanceof ExpertLoad l && l.getJob().equals(hot.job()) && l.getLayer() == hot.layer()) {
                loads.add(l);
                if (l.getStep() == 60 && l.getRank() == 0) {
                    double[] bias = new double[16];
                    bias[hot.expert()] = -0.03;
                    sim.applyBias(hot.job(), hot.layer(), bias);
                }
            }
        }

        double hotShare = share(loads.stream().filter(l -> l.getStep() > 20 && l.getStep() <= 60), hot);
        double penalised = share(loads.stream().filter(l -> l.getStep() > 61), hot);
        assertThat(penalised).isLessThan(hotShare / 2);
        assertThat(sim.bias(hot.job(), hot.layer())[hot.expert()]).isEqualTo(-0.03);
    }

    @Test
    void closedLoopBiasUpdatesBringTheHotExpertBackTowardsItsShare() {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.defaults().only(FaultKind.HOT_EXPERT));
        Expectation hot = sim.faults().get(0).expectations().get(0);
        double[] bias = new double[16];
        long[] global = new long[16];
        List<ExpertLoad> loads = new ArrayList<>();
        for (Iterator<SpecificRecord> it = sim.records(); it.hasNext(); ) {
            if (it.next() instanceof ExpertLoad l && l.getJob().equals(hot.job()) && l.getLayer() == hot.layer()) {
                loads.add(l);
                for (int e = 0; e < 16; e++) {
                    global[e] += l.getCounts().get(e);
                }
                if (l.getRank() == l.getRanks() - 1) {
                    // Auxiliary-loss-free balancing: b_i += u * sign(mean load - load_i), u = 0.001, once per step.
                    double mean = Arrays.stream(global).average().orElseThrow();
                    for (int e = 0; e < 16; e++) {
                        bias[e] += 0.001 * Math.signum(mean - global[e]);
                    }
                    sim.applyBias(hot.job(), hot.layer(), bias);
                    global = new long[16];
                }
            }
        }

        double justAfter = share(loads.stream().filter(l -> l.getTs() > sim.faults().get(0).injectedAt()).limit(4 * 5), hot);
        double late = share(loads.stream().filter(l -> l.getStep() > 90), hot);
        assertThat(justAfter * 16).isGreaterThan(2.0);
        assertThat(late * 16).isLessThan(1.5);
        assertThat(bias[hot.expert()]).isNegative();
    }

    private static double share(java.util.stream.Stream<ExpertLoad> loads, Expectation hot) {
        long[] sums = new long[2];
        loads.filter(l -> l.getJob().equals(hot.job()) && l.getLayer() == hot.layer()).forEach(l -> {
            sums[0] += l.getCounts().get(hot.expert());
            sums[1] += l.getCounts().stream().mapToLong(Long::longValue).sum();
        });
        assertThat(sums[1]).as("tokens counted").isPositive();
        return (double) sums[0] / sums[1];
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }

    private static Run run(FaultKind kind) {
        FleetSimulator sim = new FleetSimulator(CONFIG, FaultScript.defaults().only(kind));
        InjectedFault fault = sim.faults().get(0);
        assertThat(fault.kind()).isEqualTo(kind);
        return new Run(fault, SimRuns.all(sim));
    }

    private record Run(InjectedFault fault, List<SpecificRecord> records) {}
}
