package io.ballast.sim;

import java.util.List;

/**
 * A fault the simulator injects: what, where, when (event time of its first record), and what the pipeline should do.
 * {@code expected} is the human-readable summary of {@code expectations}.
 */
public record InjectedFault(String id, FaultKind kind, String target, long injectedAt, String expected,
                            List<Expectation> expectations) {
    public InjectedFault {
        expectations = List.copyOf(expectations);
    }

    static InjectedFault of(int index, FaultKind kind, String target, long injectedAt, Expectation... expectations) {
        List<Expectation> list = List.of(expectations);
        String expected = String.join("; ", list.stream().map(Expectation::describe).toList());
        return new InjectedFault(String.format("f%d-%s", index, kind.slug()), kind, target, injectedAt, expected, list);
    }
}
