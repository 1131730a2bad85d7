package io.ballast.sim;

import org.apache.avro.specific.SpecificRecord;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Plays records in real time scaled by a speed factor (speed 10: ten seconds of event time per wall second),
 * for the live demo. Traces are written unpaced by iterating {@link FleetSimulator#records()} directly.
 */
public final class Pacer {
    /** Wall time, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** The JVM's monotonic clock and {@link TimeUnit#sleep}. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    private final double speed;
    private final Clock clock;

    public Pacer(double speed) {
        this(speed, SYSTEM);
    }

    public Pacer(double speed, Clock clock) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive finite factor, got " + speed);
        }
        this.speed = speed;
        this.clock = clock;
    }

    /** Hands each record to {@code sink} no earlier than its event time, scaled, after the first record's. */
    public void play(Iterator<? extends SpecificRecord> records, Consumer<? super SpecificRecord> sink) throws InterruptedException {
        play(records, Records::ts, sink);
    }

    /** {@link #play(Iterator, Consumer)} for items whose event time {@code ts} reads, e.g. pre-encoded ones. */
    public <T> void play(Iterator<? extends T> items, ToLongFunction<? super T> ts, Consumer<? super T> sink) throws InterruptedException {
        long firstTs = Long.MIN_VALUE;
        long wallStart = 0;
        while (items.hasNext()) {
            T item = items.next();
            long itemTs = ts.applyAsLong(item);
            if (firstTs == Long.MIN_VALUE) {
                firstTs = itemTs;
                wallStart = clock.nanoTime();
            }
            long due = wallStart + (long) ((itemTs - firstTs) * 1_000_000L / speed);
            long wait = due - clock.nanoTime();
            if (wait > 0) {
                clock.sleepNanos(wait);
            }
            sink.accept(item);
        }
    }
}
