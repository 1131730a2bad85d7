package io.ballast.jobs.reliability;

/**
 * One hostile input: its raw bytes (a JSON line or an Avro message) and what the contract says must happen —
 * a dead letter whose reason contains {@code reason}, or, when {@code reason} is null, accepted without harm.
 */
public record BadInput(String name, byte[] payload, boolean json, String reason) {
    public boolean deadLetter() {
        return reason != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
