package io.ballast.logic.moe;

import java.util.ArrayList;
import java.util.List;

/** Keyed state of the balance supervisor for one (job, layer). Flink POJO; arrays are sized on the first step. */
public class BalanceState {
    public long stepsSeen;
    public RollingMaxVio rollingMaxVio;
    /** Consecutive steps with zero tokens, per expert. */
    public int[] zeroStreak;
    /** Consecutive steps on which the controller bias rose, per expert. */
    public int[] riseStreak;
    /** Last non-zero update sign per expert. */
    public int[] lastSign;
    /** Per expert, bit k set when the sign flipped k steps ago (newest in bit 0). */
    public long[] flipBits;
    /** Sign transitions recorded so far, capped at the window. */
    public int flipSamples;
    /** Keys of conditions now firing (AlertFinding.key()). */
    public List<String> firing = new ArrayList<>();
    /** Consecutive quiet steps of a firing condition, by alert key (hysteresis before resolving). */
    public java.util.Map<String, Integer> quietSteps = new java.util.HashMap<>();

    public BalanceState() {}
}
