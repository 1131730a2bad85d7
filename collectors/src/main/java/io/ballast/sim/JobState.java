package io.ballast.sim;

import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;
import io.ballast.events.SdcCheck;
import io.ballast.events.TrainStep;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One MoE training job: its loss curve, one router per MoE layer, its checkpoints. Each step emits train_step,
 * per-rank expert_load for every layer and, every {@code checkpointEvery} steps, a checkpoint.
 */
final class JobState {
    /** Steps over which the loss falls by a factor e towards its floor. */
    private static final double LOSS_DECAY_STEPS = 30;
    private static final double LOSS_FLOOR = 2.0;
    private static final double LOSS_START = 10.0;
    /** How much a corrupted state inflates the loss, and for good. */
    private static final double SPIKE_FACTOR = 3.0;
    /** A passing SDC check on one of the job's nodes every this many steps. */
    private static final int SDC_CHECK_EVERY = 10;

    final String name;
    final List<String> nodes;
    final Router[] routers;
    private final SimConfig config;
    private final SplittableRandom random;
    long step;
    long spikeFromStep = Long.MAX_VALUE;
    long failedCheckpointStep = -1;

    JobState(SimConfig config, int index, List<String> nodes) {
        this.config = config;
        this.name = config.jobName(index);
        this.nodes = List.copyOf(nodes);
        this.random = Seeds.random(config.seed(), "job/" + name);
        this.routers = new Router[config.moeLayers()];
        for (int l = 0; l < routers.length; l++) {
            routers[l] = new Router(config.experts(), config.topK(), Seeds.random(config.seed(), "router/" + name + "/" + l));
        }
    }

    JobTopology topology(long ts) {
        List<String> hosts = new ArrayList<>();
        for (int e = 0; e < config.experts(); e++) {
            hosts.add(nodes.get(e % nodes.size()) + "/" + (e / nodes.size()) % config.gpusPerNode());
        }
        return JobTopology.newBuilder().setTs(ts).setCluster(config.cluster()).setJob(name).setNodes(nodes)
                .setExperts(config.experts()).setBiasUpdateRate(0.001).setExpertHosts(hosts).build();
    }

    /** Runs step {@code step + 1} and adds its records. */
    void nextStep(long ts, List<SpecificRecord> out) {
        step++;
        boolean corrupted = step >= spikeFromStep;
        double loss = (LOSS_FLOOR + (LOSS_START - LOSS_FLOOR) * Math.exp(-(step - 1) / LOSS_DECAY_STEPS))
                * (corrupted ? SPIKE_FACTOR : 1.0) * (1 + 0.01 * random.nextGaussian());
        double gradNorm = (corrupted ? 4.0 : 1.0) * (1 + 0.05 * random.nextGaussian());
        double stepMs = config.stepInterval().toMillis() * (0.97 + 0.01 * random.nextGaussian());
        out.add(TrainStep.newBuilder().setTs(ts).setCluster(config.cluster()).setJob(name).setStep(step)
                .setLoss(round(loss, 4)).setGradNorm(round(gradNorm, 4)).setLr(3.0e-4)
                .setTokens((long) config.tokensPerStep()).setStepTimeMs(round(stepMs, 2)).build());
        int ranks = config.ranksPerStep();
        for (int layer = 0; layer < routers.length; layer++) {
            for (int rank = 0; rank < ranks; rank++) {
                int tokens = config.tokensPerStep() / ranks + (rank < config.tokensPerStep() % ranks ? 1 : 0);
                out.add(ExpertLoad.newBuilder().setTs(ts).setCluster(config.cluster()).setJob(name).setStep(step)
                        .setLayer(layer).setRank(rank).setRanks(ranks).setCounts(boxed(routers[layer].route(tokens))).build());
            }
        }
        if (step % SDC_CHECK_EVERY == 0) {
            String node = nodes.get((int) (step / SDC_CHECK_EVERY % nodes.size()));
            out.add(sdcCheck(ts, step, node, 0, true, null));
        }
        if (step % config.checkpointEvery() == 0) {
            boolean failed = step == failedCheckpointStep;
            out.add(Checkpoint.newBuilder().setTs(ts).setCluster(config.cluster()).setJob(name).setStep(step)
                    .setUri(String.format("s3://ckpt/%s/step-%06d", name, step)).setStatus(failed ? "failed" : "saved").build());
        }
    }

    SdcCheck sdcCheck(long ts, long atStep, String node, int gpu, boolean passed, String detail) {
        return SdcCheck.newBuilder().setTs(ts).setCluster(config.cluster()).setJob(name).setNode(node).setGpu(gpu)
                .setStep(atStep).setCheck("recompute_checksum").setPassed(passed).setDetail(detail).build();
    }

    private static List<Long> boxed(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
