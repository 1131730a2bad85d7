package io.ballast.sim;

import io.ballast.events.Xid;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {
    private static final long T0 = SimConfig.DEFAULT_START_TS;

    /** A clock that only moves when the pacer sleeps, recording when each record was handed on. */
    private static final class FakeClock implements Pacer.Clock {
        long now = 5_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void playsEventTimeScaledBySpeed() throws Exception {
        FakeClock clock = new FakeClock();
        List<Long> handedAt = new ArrayList<>();

        new Pacer(10, clock).play(List.of(xid(T0), xid(T0), xid(T0 + 1_000), xid(T0 + 5_000)).iterator(),
                r -> handedAt.add(clock.now));

        long start = 5_000_000_000L;
        assertThat(handedAt).containsExactly(start, start, start + 100_000_000L, start + 500_000_000L);
        assertThat(clock.sleeps).containsExactly(100_000_000L, 400_000_000L);
    }

    @Test
    void doesNotSleepWhenBehind() throws Exception {
        FakeClock clock = new FakeClock();
        List<SpecificRecord> out = new ArrayList<>();

        new Pacer(1, clock).play(List.of(xid(T0), xid(T0 + 1_000)).iterator(), r -> {
            out.add(r);
            clock.now += 2_000_000_000L; // the sink is slower than real time
        });

        assertThat(out).hasSize(2);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void rejectsANonPositiveSpeed() {
        assertThatThrownBy(() -> new Pacer(0)).hasMessageContaining("speed");
        assertThatThrownBy(() -> new Pacer(Double.NaN)).hasMessageContaining("speed");
    }

    private static Xid xid(long ts) {
        return Xid.newBuilder().setTs(ts).setNode("n").setXid(13).setMessage("m").build();
    }
}
