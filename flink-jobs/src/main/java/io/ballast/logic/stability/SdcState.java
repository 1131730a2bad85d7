package io.ballast.logic.stability;

import java.util.ArrayList;
import java.util.List;

/** Keyed state of SDC checks on one node: recent failures, the last spike seen on it, the last drain suggested. */
public class SdcState {
    public String node;
    /** Timestamps of failed checks within the drain window, oldest first. */
    public List<Long> failureTs = new ArrayList<>();
    /** Readable descriptions, parallel to failureTs. */
    public List<String> failureDetails = new ArrayList<>();
    /** Steps of the failed checks when known (null otherwise), parallel to failureTs. */
    public List<Long> failureSteps = new ArrayList<>();
    public long lastSpikeTs = Long.MIN_VALUE;
    public String lastSpikeJob;
    public long lastSpikeOnsetStep;
    /** When a drain was last suggested; none again within the drain window. */
    public long drainSuggestedTs = Long.MIN_VALUE;

    public SdcState() {}
}
