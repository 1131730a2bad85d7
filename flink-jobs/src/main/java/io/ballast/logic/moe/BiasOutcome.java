package io.ballast.logic.moe;

import java.util.Optional;

/**
 * What a complete step's loads did to a layer's bias: APPLIED and FROZEN publish {@link #result()}; STALE and
 * REJECTED publish nothing.
 */
public record BiasOutcome(Kind kind, BiasResult result, String reason) {

    /** APPLIED: u > 0; FROZEN: schedule says u = 0, unchanged bias republished; STALE: step not newer. */
    public enum Kind { APPLIED, FROZEN, STALE, REJECTED }

    public Optional<BiasResult> publication() {
        return Optional.ofNullable(result);
    }
}
