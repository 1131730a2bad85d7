package io.ballast.logic.stability;

/** A checkpoint that was saved successfully: a possible rollback target. Flink POJO. */
public class SavedCheckpoint {
    public long step;
    public String uri;
    public long ts;

    public SavedCheckpoint() {}

    public SavedCheckpoint(long step, String uri, long ts) {
        this.step = step;
        this.uri = uri;
        this.ts = ts;
    }

    @Override
    public String toString() {
        return "checkpoint step " + step + " at " + uri;
    }
}
