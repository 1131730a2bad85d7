package io.ballast.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job's committed input offsets over time, and the rates they give: overall (first commit to the commit that
 * covers the last record) and warm (the same, from the first commit past half the records, once the JIT has
 * compiled the hot path).
 */
public final class CommitLog {
    /** One observation: how many records were committed at a time. */
    private record Commit(long nanos, long committed) {}

    private final long total;
    private final List<Commit> commits = new ArrayList<>();

    public CommitLog(long totalRecords) {
        this.total = totalRecords;
    }

    /** Records an observation; repeated values (no new checkpoint yet) are ignored. */
    public void observe(long nanos, long committed) {
        if (committed > 0 && (commits.isEmpty() || committed > commits.get(commits.size() - 1).committed)) {
            commits.add(new Commit(nanos, committed));
        }
    }

    public boolean complete() {
        return !commits.isEmpty() && commits.get(commits.size() - 1).committed >= total;
    }

    /** From the first commit; empty until complete or when everything came in one commit. */
    public Optional<JobThroughput.Rate> overall() {
        return rateFrom(0);
    }

    /** From the first commit that covers at least half of the records. */
    public Optional<JobThroughput.Rate> warm() {
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).committed * 2 >= total) {
                return rateFrom(i);
            }
        }
        return Optional.empty();
    }

    private Optional<JobThroughput.Rate> rateFrom(int first) {
        if (!complete() || first >= commits.size() - 1) {
            return Optional.empty();
        }
        Commit from = commits.get(first);
        Commit to = commits.get(commits.size() - 1);
        double seconds = (to.nanos - from.nanos) / 1e9;
        long records = to.committed - from.committed;
        return Optional.of(new JobThroughput.Rate(records / seconds, records, seconds));
    }
}
