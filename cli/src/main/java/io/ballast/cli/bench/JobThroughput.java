package io.ballast.cli.bench;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;

/**
 * The job's sustained consume rate, read from the offsets its Kafka source commits on each completed checkpoint
 * (see {@link CommitLog}). Starting at the first commit leaves job start-up out; the resolution is one checkpoint interval.
 */
public final class JobThroughput {
    private JobThroughput() {}

    /** Result: the rate and the records and seconds it is measured over. */
    public record Rate(double eventsPerSecond, long records, double seconds) {}

    /** Sustained (after the warm-up), cold (from the first commit) and with-drain rates of one run (see {@link CommitLog}). */
    public record Rates(Rate sustained, Rate cold, Rate withDrain) {}

    /** @param stall the shortest gap between commits that is the source's drain stall, not the job ({@link CommitLog}) */
    public static Rates await(KafkaOffsets offsets, String group, Map<TopicPartition, Long> endOffsets, long warmup,
                              Duration stall, Duration timeout) throws Exception {
        long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        CommitLog log = new CommitLog(total, warmup, stall);
        long committed = 0;
        while (System.nanoTime() < deadline) {
            committed = offsets.committed(group, endOffsets.keySet());
            log.observe(System.nanoTime(), committed);
            if (log.complete()) {
                Rate sustained = log.sustained().orElseThrow(() -> new IllegalStateException(
                        "the job consumed the " + (total - warmup) + " records after the warm-up within two checkpoints: preload more"));
                return new Rates(sustained, log.cold().orElse(sustained), log.withDrain().orElseThrow());
            }
            Thread.sleep(50); // polling the broker's view of the group; the resolution is the checkpoint interval anyway
        }
        throw new IllegalStateException("the job committed " + committed + " of " + total + " records within " + timeout);
    }
}
