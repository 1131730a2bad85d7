package io.ballast.cli.bench;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.EventType;
import io.ballast.events.Xid;
import io.ballast.sim.EncodedTrace;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.Pacer;

import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;

/**
 * Plays a pre-encoded fleet trace in real time, re-timing every record to the wall time it is due at (its event time is
 * when a live fleet's collector would have stamped it; a pacer that falls behind sends it late with that time, so the
 * lag counts in the latencies), and remembers when the fault's Xid went out, for the latency figures.
 */
public final class PacedLoad {
    private final String faultNode;
    private volatile long firstWallMs = -1;
    private volatile long firstTs;
    private volatile long lastWallMs;
    private volatile long faultSentAt = -1;
    private volatile long ballastWebhookAt = -1;
    private long sent;
    private long maxLagMs;

    public PacedLoad(String faultNode) {
        this.faultNode = faultNode;
    }

    /** Sends the whole trace through {@code sink}; the Xid on the fault node is also shown to {@code exporter} when there is one. */
    public void play(EncodedTrace trace, KafkaTraceSink sink, DcgmExporter exporter) throws Exception {
        new Pacer(1.0).play(trace.entries(), EncodedTrace.Entry::ts, entry -> {
            long now = System.currentTimeMillis();
            if (firstWallMs < 0) {
                firstTs = entry.ts();
                firstWallMs = now;
            }
            long due = firstWallMs + (entry.ts() - firstTs);
            sink.send(entry.type(), entry.key(), restamp(entry.message(), due));
            if (entry.type() == EventType.XID && faultSentAt < 0 && faultNode.equals(entry.key())) {
                faultSentAt = now;
                if (exporter != null) {
                    Xid x = (Xid) decode(entry.message());
                    exporter.xid(x.getNode(), x.getGpu(), x.getXid());
                }
            }
            sent++;
            maxLagMs = Math.max(maxLagMs, now - due);
            lastWallMs = now;
        });
    }

    private static byte[] restamp(byte[] message, long ts) {
        return ownTrace(() -> AvroCodec.restamp(message, ts));
    }

    private static SpecificRecord decode(byte[] message) {
        return ownTrace(() -> AvroCodec.decode(message));
    }

    /** A record of the bench's own trace that does not read back is the bench's bug, not bad input. */
    private static <T> T ownTrace(TraceRead<T> read) {
        try {
            return read.get();
        } catch (DecodeException e) {
            throw new IllegalStateException("the bench's own trace holds an unreadable record: " + e.getMessage(), e);
        }
    }

    private interface TraceRead<T> {
        T get() throws DecodeException;
    }

    /** Wall ms the first record was sent at (the trace's start re-timed to it), -1 before. */
    public long startedAt() {
        return firstWallMs;
    }

    public long sent() {
        return sent;
    }

    public double sentPerSecond() {
        return lastWallMs > firstWallMs ? sent * 1000.0 / (lastWallMs - firstWallMs) : 0;
    }

    public long maxLagMs() {
        return maxLagMs;
    }

    /** Wall ms when the fault's first Xid was sent, -1 before. */
    public long faultSentAt() {
        return faultSentAt;
    }

    /** Records the first Ballast webhook call about the fault node. */
    public synchronized void ballastWebhookAt(long epochMs) {
        if (ballastWebhookAt < 0 && faultSentAt >= 0) {
            ballastWebhookAt = epochMs;
        }
    }

    /** Fault sent -> Ballast webhook in ms, -1 when it has not arrived. */
    public long ballastWebhookMs() {
        long at = ballastWebhookAt;
        return at < 0 ? -1 : at - faultSentAt;
    }

    public void awaitBallastWebhook(Duration max) throws InterruptedException {
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (ballastWebhookAt < 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // waiting on an HTTP callback from the job, bounded
        }
    }

    /** Waits until no new latency sample has arrived for {@code quiet} (the last steps' commits), at most {@code max}. */
    public void awaitQuiet(Latencies latencies, Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.currentTimeMillis() + max.toMillis();
        int seen = latencies.count();
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - lastChange < quiet.toMillis()) {
            Thread.sleep(100); // polling a count fed by a consumer thread, bounded by max
            if (latencies.count() != seen) {
                seen = latencies.count();
                lastChange = System.currentTimeMillis();
            }
        }
    }
}
