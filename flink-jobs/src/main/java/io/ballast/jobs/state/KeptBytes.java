package io.ballast.jobs.state;

/**
 * The bytes one part of a state value went into the last checkpoint as, kept until that part changes. A node reports
 * every few seconds and a checkpoint comes every second or so, so most of a large fleet's state goes into the next
 * checkpoint unchanged: one array copy instead of a walk over a few dozen small objects. The owner calls
 * {@link #clear()} before every change to the part; the serializer does the rest.
 */
public final class KeptBytes {
    /**
     * Written by the checkpoint's thread, cleared by the task's. The heap backend hands the task a copy of any value a
     * running checkpoint holds, so the two never touch one value at once; volatile orders a clear after the write
     * across checkpoints.
     */
    private volatile byte[] bytes;

    /** Forgets the checkpointed bytes; call it before the part changes. */
    public void clear() {
        if (bytes != null) {
            bytes = null;
        }
    }

    byte[] get() {
        return bytes;
    }

    void set(byte[] encoded) {
        bytes = encoded;
    }
}
