package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CommitLogTest {
    static final long S = 1_000_000_000L;
    static final Duration STALL = Duration.ofSeconds(5);

    @Test
    void ratesRunFromTheFirstCommitOrTheFirstPastTheWarmupToTheLastCommitBeforeTheDrain() {
        CommitLog log = new CommitLog(1_000, 500, STALL);
        log.observe(0, 0);            // nothing committed yet: start-up is not measured
        log.observe(1 * S, 100);
        log.observe(2 * S, 100);      // the same checkpoint polled again
        log.observe(5 * S, 500);
        log.observe(6 * S, 800);
        log.observe(7 * S, 900);
        log.observe(17 * S, 1_000);   // the final commit, after the source's consumer sat out its poll timeout

        assertThat(log.complete()).isTrue();
        JobThroughput.Rate cold = log.cold().orElseThrow();
        assertThat(cold.records()).isEqualTo(800);
        assertThat(cold.seconds()).isEqualTo(6.0);
        assertThat(cold.eventsPerSecond()).isEqualTo(800 / 6.0);
        JobThroughput.Rate sustained = log.sustained().orElseThrow();
        assertThat(sustained.records()).isEqualTo(400);
        assertThat(sustained.seconds()).isEqualTo(2.0);
        assertThat(sustained.eventsPerSecond()).isEqualTo(200.0);
        JobThroughput.Rate withDrain = log.withDrain().orElseThrow();
        assertThat(withDrain.records()).isEqualTo(900);
        assertThat(withDrain.seconds()).isEqualTo(16.0);
    }

    @Test
    void noRateBeforeTheLastRecordIsCommittedOrWithTooFewCommits() {
        CommitLog log = new CommitLog(1_000, 500, STALL);
        log.observe(1 * S, 400);
        log.observe(2 * S, 600);
        assertThat(log.sustained()).isEmpty();
        log.observe(3 * S, 1_000);
        assertThat(log.cold()).isPresent();
        assertThat(log.sustained()).as("the commit past the warm-up is the last before the drain: nothing to measure over").isEmpty();

        CommitLog twoCommits = new CommitLog(10, 0, STALL);
        twoCommits.observe(1 * S, 5);
        twoCommits.observe(2 * S, 10);
        assertThat(twoCommits.complete()).isTrue();
        assertThat(twoCommits.sustained()).isEmpty();
        assertThat(twoCommits.cold()).isEmpty();
        assertThat(twoCommits.withDrain()).isPresent();
    }

    @Test
    void aDrainStallBeforeTheLastCommitsIsLeftOutToo() {
        CommitLog log = new CommitLog(1_000, 500, STALL);
        log.observe(1 * S, 100);
        log.observe(3 * S, 500);
        log.observe(4 * S, 800);
        log.observe(5 * S, 990);      // the job is done with all but a split that drained first...
        log.observe(15 * S, 999);     // ...whose consumer sat out its 10 s poll before this commit
        log.observe(16 * S, 1_000);   // and one more commit after it

        JobThroughput.Rate sustained = log.sustained().orElseThrow();
        assertThat(sustained.records()).isEqualTo(490);
        assertThat(sustained.seconds()).isEqualTo(2.0);
        assertThat(log.cold().orElseThrow().seconds()).isEqualTo(4.0);
        assertThat(log.withDrain().orElseThrow().seconds()).isEqualTo(15.0);
    }
}
