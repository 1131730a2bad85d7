package io.ballast.logic.stability;

import io.ballast.events.TrainStep;

import java.io.Serializable;
import java.util.List;

/**
 * Loss / grad-norm spike detection with robust statistics (median and MAD of recent non-spike steps), only upward
 * and only after warm-up, so the steep early fall never counts. Classifies an incident as TRANSIENT (BLOOM-like,
 * back within R steps) or PERSISTENT (PaLM-like, or NaN/Inf at once). One incident at a time per job.
 */
public class SpikeDetector implements Serializable {
    static final double MAD_TO_SIGMA = 1.4826;
    private final StabilityConfig config;

    public SpikeDetector(StabilityConfig config) {
        this.config = config;
    }

    public List<SpikeFinding> observe(SpikeState state, TrainStep step) {
        return observe(state, step.getJob(), step.getStep(), step.getTs(), step.getLoss(), step.getGradNorm());
    }

    /** Feeds one training step; returns the incident transitions it caused (usually none). */
    public List<SpikeFinding> observe(SpikeState state, String job, long step, long ts, double loss, Double gradNorm) {
        init(state);
        if (step == state.lastStep) {
            return List.of();
        }
        if (step < state.lastStep) {
            // The trainer went back (a rollback or a restart from a checkpoint): the open incident is over.
            state.lastStep = step;
            state.clock.record(ts, step, config.stepIndexSpacingMs());
            if (state.open) {
                SpikeFinding closed = finding(state, SpikeFinding.Kind.CLOSED, job, step, ts,
                        "job restarted at step " + step + ", before the incident at step " + state.onsetStep);
                state.open = false;
                return List.of(closed);
            }
            return List.of();
        }
        state.lastStep = step;
        state.stepsSeen++;
        state.clock.record(ts, step, config.stepIndexSpacingMs());
        boolean nonFinite = !Double.isFinite(loss) || (gradNorm != null && !Double.isFinite(gradNorm));
        return state.open ? followIncident(state, job, step, ts, loss, nonFinite)
                : watch(state, job, step, ts, loss, gradNorm, nonFinite);
    }

    private List<SpikeFinding> watch(SpikeState state, String job, long step, long ts, double loss, Double gradNorm,
                                     boolean nonFinite) {
        if (nonFinite) {
            openIncident(state, step, ts, loss, "non_finite");
            state.persistent = true;
            return List.of(finding(state, SpikeFinding.Kind.PERSISTENT, job, step, ts,
                    "non-finite loss or grad norm at step " + step + " (loss=" + loss + ", grad_norm=" + gradNorm
                            + ")"));
        }
        boolean judged = state.stepsSeen > config.warmupSteps() && state.lossWindow.size >= config.minSamples();
        String trigger = null;
        if (judged && isSpike(loss, state.lossWindow, config.lossMinRelativeJump())) {
            trigger = "loss";
        } else if (judged && gradNorm != null && state.gradNormWindow.size >= config.minSamples()
                && isSpike(gradNorm, state.gradNormWindow, config.gradNormMinRelativeJump())) {
            trigger = "grad_norm";
        }
        if (trigger == null) {
            state.lossWindow.add(loss);
            if (gradNorm != null) {
                state.gradNormWindow.add(gradNorm);
            }
            return List.of();
        }
        openIncident(state, step, ts, loss, trigger);
        String value = trigger.equals("loss") ? "loss " + loss : "grad_norm " + gradNorm;
        return List.of(finding(state, SpikeFinding.Kind.OPENED, job, step, ts, String.format(
                "%s spike at step %d over a median loss of %.4g", value, step, state.baselineMedian)));
    }

    private List<SpikeFinding> followIncident(SpikeState state, String job, long step, long ts, double loss,
                                              boolean nonFinite) {
        if (nonFinite || loss > state.peakLoss) {
            state.peakLoss = loss;
            state.peakStep = step;
        }
        if (!nonFinite && inBand(state, loss)) {
            if (state.inBandStreak++ == 0) {
                state.inBandSinceStep = step;
            }
        } else {
            state.inBandStreak = 0;
        }
        if (state.inBandStreak >= config.recoverySteps()) {
            state.open = false;
            if (state.persistent) {
                return List.of(finding(state, SpikeFinding.Kind.CLOSED, job, step, ts,
                        "loss back in band since step " + state.inBandSinceStep));
            }
            return List.of(finding(state, SpikeFinding.Kind.TRANSIENT, job, step, ts, String.format(
                    "transient %s spike from step %d recovered by step %d (peak loss %.4g at step %d)",
                    state.trigger, state.onsetStep, state.inBandSinceStep, state.peakLoss, state.peakStep)));
        }
        // An in-band streak under way at R steps may still finish: judge it when it ends.
        if (!state.persistent && state.inBandStreak == 0 && step - state.onsetStep >= config.persistAfterSteps()) {
            state.persistent = true;
            return List.of(finding(state, SpikeFinding.Kind.PERSISTENT, job, step, ts, String.format(
                    "%s spike from step %d still elevated after %d steps (loss %.4g vs median %.4g)",
                    state.trigger, state.onsetStep, step - state.onsetStep, loss, state.baselineMedian)));
        }
        return List.of();
    }

    private boolean isSpike(double x, RollingWindow window, double minRelativeJump) {
        double median = window.median();
        double sigma = MAD_TO_SIGMA * window.mad();
        double rise = x - median;
        if (rise <= Math.abs(median) * minRelativeJump) {
            return false;
        }
        return sigma == 0 || rise / sigma > config.spikeZ();
    }

    private boolean inBand(SpikeState state, double loss) {
        if (Double.isNaN(state.baselineMedian)) {
            return true; // NaN before any history: any finite loss is the best band we know
        }
        double rise = loss - state.baselineMedian;
        return rise <= Math.abs(state.baselineMedian) * config.lossMinRelativeJump()
                || rise <= config.recoveryZ() * state.baselineSigma;
    }

    private void openIncident(SpikeState state, long step, long ts, double loss, String trigger) {
        state.open = true;
        state.persistent = false;
        state.onsetStep = step;
        state.onsetTs = ts;
        state.trigger = trigger;
        state.peakStep = step;
        state.peakLoss = loss;
        state.baselineMedian = state.lossWindow.median();
        state.baselineSigma = MAD_TO_SIGMA * state.lossWindow.mad();
        state.inBandStreak = 0;
    }

    private static SpikeFinding finding(SpikeState state, SpikeFinding.Kind kind, String job, long step, long ts,
                                        String summary) {
        return new SpikeFinding(kind, job, step, ts, state.onsetStep, state.onsetTs, state.trigger, state.peakStep,
                state.peakLoss, state.baselineMedian, summary);
    }

    private void init(SpikeState state) {
        if (state.lossWindow == null) {
            state.lossWindow = new RollingWindow(config.spikeWindow());
            state.gradNormWindow = new RollingWindow(config.spikeWindow());
            state.clock = new StepClock(config.stepIndexCapacity());
        }
    }
}
