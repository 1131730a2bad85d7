package io.ballast.jobs.state;

/**
 * A state value that keeps the bytes of its last checkpoint until it changes. A node reports every few seconds and a
 * checkpoint comes every second or so, so most of a large fleet's values go into the next checkpoint unchanged: one
 * array copy instead of a walk over a few dozen small objects.
 * A subclass calls {@link #changed()} before every change; {@link CheckpointedValueSerializer} does the rest.
 */
public abstract class CheckpointedValue {
    /**
     * Written by the checkpoint's thread, cleared by the task's. The heap backend hands the task a copy of any value a
     * running checkpoint holds, so the two never touch one value at once; volatile orders a clear after the write
     * across checkpoints.
     */
    private volatile byte[] encoded;

    /** Forgets the checkpointed bytes; call it before the value changes. */
    protected final void changed() {
        if (encoded != null) {
            encoded = null;
        }
    }

    final byte[] encoded() {
        return encoded;
    }

    final void encoded(byte[] bytes) {
        encoded = bytes;
    }
}
