package io.ballast.cli.bench;

import io.ballast.events.Xid;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.Pacer;
import io.ballast.sim.TraceSink;

import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;

/**
 * Plays a simulated fleet in real time and remembers when each event time was sent (the pacer maps event time to wall
 * time one to one from the first record) and when the fault's Xid went out, for the latency figures.
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

    /** Sends the whole run through {@code sink}; the Xid on the fault node is also shown to {@code exporter} when there is one. */
    public void play(FleetSimulator sim, TraceSink sink, DcgmExporter exporter) throws Exception {
        new Pacer(1.0).play(sim.records(), record -> {
            long now = System.currentTimeMillis();
            if (firstWallMs < 0) {
                firstTs = ts(record);
                firstWallMs = now;
            }
            sink.accept(record);
            if (record instanceof Xid x && faultSentAt < 0 && faultNode.equals(x.getNode())) {
                faultSentAt = now;
                if (exporter != null) {
                    exporter.xid(x.getNode(), x.getGpu(), x.getXid());
                }
            }
            sent++;
            maxLagMs = Math.max(maxLagMs, now - sentAtOfTs(ts(record)));
            lastWallMs = now;
        });
    }

    private static long ts(SpecificRecord record) {
        return (Long) record.get(record.getSchema().getField("ts").pos());
    }

    /** The wall time (ms) at which records of event time {@code ts} were due; the pacer never sends earlier. */
    public long sentAtOfTs(long ts) {
        return firstWallMs + (ts - firstTs);
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
