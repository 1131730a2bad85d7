package io.ballast.sim;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/**
 * How the pipeline answered one injected fault: whether every expectation held, when it was first
 * detected (event time of the first matching action, null when nothing matched) and what was done.
 */
public record FaultOutcome(InjectedFault fault, boolean met, Long detectedAt, List<String> actions, List<String> problems,
                           List<SpecificRecord> matched) {
    /** Detection delay in event time, or -1 when nothing detected it. */
    public long delayMs() {
        return detectedAt == null ? -1 : detectedAt - fault.injectedAt();
    }
}
