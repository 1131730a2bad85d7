package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommitLogTest {
    static final long S = 1_000_000_000L;

    @Test
    void overallRunsFromTheFirstCommitAndWarmFromTheFirstPastHalfTheRecords() {
        CommitLog log = new CommitLog(1_000);
        log.observe(0, 0);            // nothing committed yet: start-up is not measured
        log.observe(1 * S, 100);
        log.observe(2 * S, 100);      // the same checkpoint polled again
        log.observe(5 * S, 500);
        log.observe(6 * S, 800);
        log.observe(7 * S, 1_000);

        assertThat(log.complete()).isTrue();
        JobThroughput.Rate overall = log.overall().orElseThrow();
        assertThat(overall.records()).isEqualTo(900);
        assertThat(overall.seconds()).isEqualTo(6.0);
        assertThat(overall.eventsPerSecond()).isEqualTo(150.0);
        JobThroughput.Rate warm = log.warm().orElseThrow();
        assertThat(warm.records()).isEqualTo(500);
        assertThat(warm.seconds()).isEqualTo(2.0);
        assertThat(warm.eventsPerSecond()).isEqualTo(250.0);
    }

    @Test
    void noRateBeforeTheLastRecordIsCommittedOrFromASingleCommit() {
        CommitLog log = new CommitLog(1_000);
        log.observe(1 * S, 400);
        assertThat(log.overall()).isEmpty();
        log.observe(2 * S, 1_000);
        assertThat(log.overall()).isPresent();
        assertThat(log.warm()).as("the commit past half is the last one: nothing to measure over").isEmpty();

        CommitLog oneShot = new CommitLog(10);
        oneShot.observe(1 * S, 10);
        assertThat(oneShot.complete()).isTrue();
        assertThat(oneShot.overall()).isEmpty();
    }
}
