package io.ballast.sim;

import io.ballast.events.Xid;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic fleet of GPU nodes running MoE jobs, with scripted faults. {@link #records()} streams the
 * telemetry in non-decreasing event time, holding only the next tick of each source in memory. One run per instance.
 * The routers react to {@link #applyBias}, so a bias_update consumer closes the loop.
 */
public final class FleetSimulator {
    private final SimConfig config;
    private final List<NodeState> nodes = new ArrayList<>();
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final List<InjectedFault> faults = new ArrayList<>();
    private final PriorityQueue<Tick> queue = new PriorityQueue<>(Comparator.comparingLong(Tick::ts).thenComparingLong(Tick::seq));
    private final Set<Integer> faultyNodes = new HashSet<>();
    private long seq;
    private boolean started;

    public FleetSimulator(SimConfig config, FaultScript script) {
        this.config = config;
        for (int i = 0; i < config.nodes(); i++) {
            nodes.add(new NodeState(config, i));
        }
        for (int j = 0; j < config.jobs(); j++) {
            JobState job = new JobState(config, j, config.jobNodes(j).stream().map(config::nodeName).toList());
            jobs.put(job.name, job);
        }
        scheduleTelemetry();
        // Failed checkpoints first: the SDC fault's expected rollback target depends on them.
        script.faults().stream().filter(f -> f.kind() == FaultKind.FAILED_CHECKPOINT).forEach(this::markFailedCheckpoint);
        int index = 1;
        for (FaultScript.ScriptedFault fault : script.faults()) {
            faults.add(inject(index++, fault));
        }
    }

    public SimConfig config() {
        return config;
    }

    /** The faults this run injects, in script order, with what the pipeline is expected to do about each. */
    public List<InjectedFault> faults() {
        return List.copyOf(faults);
    }

    /** Job names in order; the first is "job A" of the fault script (SDC, failed checkpoint), the last "job B". */
    public List<String> jobs() {
        return List.copyOf(jobs.keySet());
    }

    /** Sets the router bias of one MoE layer, as a trainer does on a bias_update; safe to call from another thread. */
    public void applyBias(String job, int layer, double[] bias) {
        router(job, layer).applyBias(bias);
    }

    public double[] bias(String job, int layer) {
        return router(job, layer).bias();
    }

    /** The run's records in non-decreasing {@code ts}, generated lazily. */
    public synchronized Iterator<SpecificRecord> records() {
        if (started) {
            throw new IllegalStateException("a FleetSimulator runs once: create a new one for another run");
        }
        started = true;
        return new RecordIterator();
    }

    private Router router(String job, int layer) {
        JobState state = jobs.get(job);
        if (state == null) {
            throw new IllegalArgumentException("unknown job '" + job + "', have " + jobs.keySet());
        }
        if (layer < 0 || layer >= state.routers.length) {
            throw new IllegalArgumentException("job " + job + " has MoE layers 0.." + (state.routers.length - 1) + ", got " + layer);
        }
        return state.routers[layer];
    }

    private void scheduleTelemetry() {
        long start = config.startTs();
        long stepMs = config.stepInterval().toMillis();
        for (JobState job : jobs.values()) {
            at(start, (ts, out) -> out.add(job.topology(ts)));
        }
        for (JobState job : jobs.values()) {
            every(start + stepMs, stepMs, job::nextStep);
        }
        long gpuMs = config.gpuSampleInterval().toMillis();
        long nicMs = config.nicInterval().toMillis();
        for (NodeState node : nodes) {
            // Collectors on different nodes are not in phase: spread them over the interval.
            every(start + node.index * gpuMs / config.nodes(), gpuMs, (ts, out) -> {
                if (!node.isDown(ts)) {
                    node.gpus.stream().filter(g -> !g.offTheBus).forEach(g -> out.add(g.sample(config.cluster(), node.name, ts, node.random)));
                }
            });
            long[] last = {start};
            every(start + (node.index * nicMs / config.nodes() + nicMs / 2) % nicMs, nicMs, (ts, out) -> {
                long elapsed = ts - last[0];
                last[0] = ts;
                if (!node.isDown(ts)) {
                    for (NicState nic : node.nics) {
                        nic.advance(elapsed, node.random);
                        out.add(nic.sample(config.cluster(), node.name, node.bootId, ts));
                    }
                }
            });
        }
    }

    private void markFailedCheckpoint(FaultScript.ScriptedFault fault) {
        JobState job = jobA();
        long every = config.checkpointEvery();
        long step = Math.max(1, ceilDiv(fault.atTs(config) - config.startTs(), config.stepInterval().toMillis()));
        job.failedCheckpointStep = ceilDiv(step, every) * every;
        if (stepTs(job.failedCheckpointStep) >= config.endTs()) {
            throw new IllegalArgumentException("run too short for " + fault.kind() + ": the checkpoint at step "
                    + job.failedCheckpointStep + " is after the end of the run");
        }
    }

    private InjectedFault inject(int index, FaultScript.ScriptedFault fault) {
        long t = fault.atTs(config);
        if (t >= config.endTs()) {
            throw new IllegalArgumentException(fault.kind() + " at " + t + " is after the end of the run (" + config.endTs() + ")");
        }
        SplittableRandom random = Seeds.random(config.seed(), "fault/" + index);
        List<Integer> nodesOfB = config.jobNodes(config.jobs() - 1);
        List<Integer> nodesOfA = config.jobNodes(0);
        return switch (fault.kind()) {
            case XID_79 -> {
                NodeState node = pickNode(nodesOfB, 1);
                GpuState gpu = node.gpus.get(4 % config.gpusPerNode());
                at(t, (ts, out) -> {
                    gpu.offTheBus = true;
                    out.add(xid(ts, node, gpu, 79, null, "pid='<unknown>', name=<unknown>, GPU has fallen off the bus."));
                });
                yield InjectedFault.of(index, fault.kind(), node.name + " gpu " + gpu.index, t, Expectation.drain(node.name));
            }
            case ECC_DBE_REMAP_FAILURE -> {
                NodeState node = pickNode(nodesOfB, nodesOfB.size() - 2);
                GpuState gpu = node.gpus.get(6 % config.gpusPerNode());
                at(t, (ts, out) -> {
                    gpu.eccDbe++;
                    gpu.remappedUncorrectable++;
                    gpu.remapFailure = true;
                    out.add(xid(ts, node, gpu, 48, null, "pid='<unknown>', name=<unknown>, An uncorrectable double bit error "
                            + "(DBE) has been detected on GPU in the framebuffer at partition 3, subpartition 1."));
                    out.add(xid(ts, node, gpu, 64, null, "pid='<unknown>', name=<unknown>, Row Remapper Error: "
                            + "failed to record a row remapping (uncorrectable ECC)."));
                });
                yield InjectedFault.of(index, fault.kind(), node.name + " gpu " + gpu.index, t, Expectation.drain(node.name));
            }
            case APP_XID -> {
                NodeState node = pickNode(nodesOfB, nodesOfB.size() / 2);
                GpuState gpu = node.gpus.get(1 % config.gpusPerNode());
                int pid = 40_000 + random.nextInt(20_000);
                at(t, (ts, out) -> out.add(xid(ts, node, gpu, 13, pid, "pid=" + pid + ", name=python3, Graphics SM Warp "
                        + "Exception on (GPC 4, TPC 1, SM 0): Out Of Range Address")));
                at(t + 1_000, (ts, out) -> out.add(xid(ts, node, gpu, 31, pid, "pid=" + pid + ", name=python3, Ch 00000010, "
                        + "intr 00000000. MMU Fault: ENGINE GRAPHICS GPCCLIENT_T1_3 faulted @ 0x7f3a_4c000000. "
                        + "Fault is of type FAULT_PDE ACCESS_TYPE_VIRT_READ")));
                yield InjectedFault.of(index, fault.kind(), node.name + " gpu " + gpu.index, t, Expectation.noDrain(node.name));
            }
            case LEAF_SWITCH -> injectLeafSwitch(index, fault.kind(), t, nodesOfB.get(0), random);
            case SDC_LOSS_SPIKE -> {
                JobState job = jobA();
                NodeState node = pickNode(nodesOfA, nodesOfA.size() - 3);
                int gpu = 3 % config.gpusPerNode();
                long sdcStep = (t - config.startTs()) / config.stepInterval().toMillis();
                at(t, (ts, out) -> {
                    out.add(job.sdcCheck(ts, sdcStep, node.name, gpu, false,
                            "recomputed checksum of layer 17 output differs from the stored one"));
                    job.spikeFromStep = sdcStep + 5;
                });
                yield InjectedFault.of(index, fault.kind(), job.name + " on " + node.name + " gpu " + gpu + " at step " + sdcStep, t,
                        Expectation.rollback(job.name, newestSavedCheckpointBefore(job, sdcStep)), Expectation.drain(node.name));
            }
            case HOT_EXPERT -> {
                JobState job = jobB();
                int layer = 1 % config.moeLayers();
                int expert = 5 % config.experts();
                at(t, (ts, out) -> job.routers[layer].makeHot(expert));
                yield InjectedFault.of(index, fault.kind(), job.name + " layer " + layer + " expert " + expert, t,
                        Expectation.biasLowered(job.name, layer, expert));
            }
            case NODE_REBOOT -> {
                NodeState node = pickNode(nodesOfA, nodesOfA.size() - 1);
                long down = Math.max(15_000, 3 * config.nicInterval().toMillis());
                at(t, (ts, out) -> node.reboot(ts + down));
                yield InjectedFault.of(index, fault.kind(), node.name + " (down " + down / 1000 + " s)", t, Expectation.silent(node.name));
            }
            case FAILED_CHECKPOINT -> {
                JobState job = jobA();
                yield InjectedFault.of(index, fault.kind(), job.name + " step " + job.failedCheckpointStep,
                        stepTs(job.failedCheckpointStep), Expectation.notRollbackTarget(job.name, job.failedCheckpointStep));
            }
        };
    }

    /** The same error counters jump on one plane on several nodes behind one leaf switch, a few hundred ms apart. */
    private InjectedFault injectLeafSwitch(int index, FaultKind kind, long t, int anyNodeBehindLeaf, SplittableRandom random) {
        int plane = 3 % config.planes();
        int group = anyNodeBehindLeaf / config.nodesPerLeaf();
        List<NodeState> hit = new ArrayList<>();
        for (int i = group * config.nodesPerLeaf(); i < Math.min(config.nodes(), (group + 1) * config.nodesPerLeaf()) && hit.size() < 5; i++) {
            if (!faultyNodes.contains(i)) {
                hit.add(nodes.get(i));
            }
        }
        if (hit.size() < 4) {
            throw new IllegalArgumentException(kind + " needs 4 nodes behind one leaf switch that no other fault uses, found " + hit.size());
        }
        String leaf = config.leafSwitch(hit.get(0).index, plane);
        List<Expectation> expected = new ArrayList<>(List.of(Expectation.switchAlert(leaf, plane)));
        for (int i = 0; i < hit.size(); i++) {
            NodeState node = hit.get(i);
            faultyNodes.add(node.index);
            NicState nic = node.nics.get(plane);
            long symbol = 900 + random.nextInt(300);
            long recovery = 2 + random.nextInt(3);
            long rcv = 30 + random.nextInt(30);
            at(t + 700L * i, (ts, out) -> {
                nic.add("symbol_error", symbol);
                nic.add("link_error_recovery", recovery);
                nic.add("port_rcv_errors", rcv);
            });
            expected.add(Expectation.noDrain(node.name));
        }
        String target = leaf + " plane " + plane + " (" + String.join(", ", hit.stream().map(n -> n.name).toList()) + ")";
        return InjectedFault.of(index, kind, target, t, expected.toArray(Expectation[]::new));
    }

    private Long newestSavedCheckpointBefore(JobState job, long step) {
        long every = config.checkpointEvery();
        for (long c = (step - 1) / every * every; c > 0; c -= every) {
            if (c != job.failedCheckpointStep) {
                return c;
            }
        }
        return null;
    }

    private NodeState pickNode(List<Integer> candidates, int preferred) {
        for (int i = 0; i < candidates.size(); i++) {
            int node = candidates.get(Math.floorMod(preferred + i, candidates.size()));
            if (faultyNodes.add(node)) {
                return nodes.get(node);
            }
        }
        throw new IllegalArgumentException("not enough nodes for the fault script: every node of " + candidates + " already has a fault");
    }

    private Xid xid(long ts, NodeState node, GpuState gpu, int code, Integer pid, String message) {
        return Xid.newBuilder().setTs(ts).setCluster(config.cluster()).setNode(node.name).setGpu(gpu.index)
                .setPciBusId(gpu.pciBusId).setXid(code).setPid(pid).setMessage(message).build();
    }

    private JobState jobA() {
        return jobs.values().iterator().next();
    }

    private JobState jobB() {
        return jobs.get(config.jobName(config.jobs() - 1));
    }

    private long stepTs(long step) {
        return config.startTs() + step * config.stepInterval().toMillis();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private void at(long ts, Action action) {
        queue.add(new Tick(ts, seq++, action));
    }

    private void every(long first, long interval, Action body) {
        at(first, new Action() {
            @Override
            public void fire(long ts, List<SpecificRecord> out) {
                body.fire(ts, out);
                at(ts + interval, this);
            }
        });
    }

    /** Something that happens at an event time, adding the records it produces. */
    @FunctionalInterface
    private interface Action {
        void fire(long ts, List<SpecificRecord> out);
    }

    private record Tick(long ts, long seq, Action action) {}

    private final class RecordIterator implements Iterator<SpecificRecord> {
        private final ArrayDeque<SpecificRecord> ready = new ArrayDeque<>();
        private final List<SpecificRecord> scratch = new ArrayList<>();

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !queue.isEmpty()) {
                Tick tick = queue.poll();
                if (tick.ts() >= config.endTs()) {
                    queue.clear();
                    break;
                }
                tick.action().fire(tick.ts(), scratch);
                ready.addAll(scratch);
                scratch.clear();
            }
            return !ready.isEmpty();
        }

        @Override
        public SpecificRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
