package io.ballast.jobs.time;

import org.apache.flink.streaming.api.TimerService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryTimerTest {
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_795_486_326_000L / HOUR * HOUR; // on an hour boundary
    final ExpiryTimer expiry = new ExpiryTimer(Duration.ofDays(1));
    final RecordingTimers timers = new RecordingTimers();

    @Test
    void theDeadlineIsADayAfterTheEndOfTheLastSeenHour() {
        assertThat(expiry.deadline(T0)).isEqualTo(T0 + HOUR + 24 * HOUR);
        assertThat(expiry.deadline(T0 + HOUR - 1)).isEqualTo(T0 + HOUR + 24 * HOUR);
        assertThat(expiry.expired(T0 + 25 * HOUR, T0 + 10)).isTrue();
        assertThat(expiry.expired(T0 + 25 * HOUR - 1, T0 + 10)).isFalse();
    }

    @Test
    void aKeyKeepsOneTimerMovedAtMostOnceAnHour() {
        expiry.touch(timers, Long.MIN_VALUE, T0);
        for (long t = T0 + 5_000; t < T0 + HOUR; t += 5_000) {
            expiry.touch(timers, t - 5_000, t);
        }
        assertThat(timers.registered).containsExactly(expiry.deadline(T0));
        assertThat(timers.deleted).isEmpty();

        expiry.touch(timers, T0 + HOUR - 5_000, T0 + HOUR);
        assertThat(timers.registered).containsExactly(expiry.deadline(T0), expiry.deadline(T0 + HOUR));
        assertThat(timers.deleted).containsExactly(expiry.deadline(T0));
    }

    /** Records timer calls; the rest of the service is not used by ExpiryTimer. */
    static final class RecordingTimers implements TimerService {
        final List<Long> registered = new ArrayList<>();
        final List<Long> deleted = new ArrayList<>();

        @Override public long currentProcessingTime() { throw new UnsupportedOperationException(); }
        @Override public long currentWatermark() { throw new UnsupportedOperationException(); }
        @Override public void registerProcessingTimeTimer(long time) { throw new UnsupportedOperationException(); }
        @Override public void registerEventTimeTimer(long time) { registered.add(time); }
        @Override public void deleteProcessingTimeTimer(long time) { throw new UnsupportedOperationException(); }
        @Override public void deleteEventTimeTimer(long time) { deleted.add(time); }
    }
}
