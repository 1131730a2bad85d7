package io.ballast.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job's committed input offsets over time, and the rates they give: sustained (from the first commit past the
 * warm-up records, once the JIT has compiled the job's hot path, to the last commit before the one that covers the
 * last record), cold (the same from the first commit) and with the drain (first to final commit).
 * <p>
 * The final commit is left out of the first two because it measures the Kafka source, not the job: once every
 * partition is drained, the source's consumer blocks in a 10 s poll (a constant in flink-connector-kafka 5.0,
 * FLINK-40367) and commits the last checkpoint's offsets only when that poll returns, up to 10 s after the job
 * processed the last record. That stall need not come last: with splits that drain at different times, a commit or
 * two may follow it. So the measured window ends before the last gap between commits as long as the stall (at least
 * {@code stall}, far longer than a checkpoint interval), or, without one, before the final commit.
 */
public final class CommitLog {
    /** One observation: how many records were committed at a time. */
    private record Commit(long nanos, long committed) {}

    private final long total;
    private final long warmup;
    private final long stallNanos;
    private final List<Commit> commits = new ArrayList<>();

    /**
     * @param warmupRecords how many of the first records only warm the job up
     * @param stall the shortest gap between commits taken for the source's drain stall
     */
    public CommitLog(long totalRecords, long warmupRecords, Duration stall) {
        this.total = totalRecords;
        this.warmup = warmupRecords;
        this.stallNanos = stall.toNanos();
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

    /** From the first commit covering the warm-up to the last one before the final commit; empty until complete or with too few commits. */
    public Optional<JobThroughput.Rate> sustained() {
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).committed >= warmup) {
                return rate(i, end(i));
            }
        }
        return Optional.empty();
    }

    /** From the first commit (start-up excluded, JIT still compiling) to the last one before the final commit. */
    public Optional<JobThroughput.Rate> cold() {
        return rate(0, end(0));
    }

    /** The last commit at the job's own pace after {@code first}: the one before the drain stall, else before the final commit. */
    private int end(int first) {
        for (int i = commits.size() - 1; i - 1 > first; i--) {
            if (commits.get(i).nanos - commits.get(i - 1).nanos >= stallNanos) {
                return i - 1;
            }
        }
        return commits.size() - 2;
    }

    /** From the first commit to the final one, including the source's drain delay. */
    public Optional<JobThroughput.Rate> withDrain() {
        return rate(0, commits.size() - 1);
    }

    private Optional<JobThroughput.Rate> rate(int first, int last) {
        if (!complete() || first >= last) {
            return Optional.empty();
        }
        Commit from = commits.get(first);
        Commit to = commits.get(last);
        double seconds = (to.nanos - from.nanos) / 1e9;
        long records = to.committed - from.committed;
        return Optional.of(new JobThroughput.Rate(records / seconds, records, seconds));
    }
}
