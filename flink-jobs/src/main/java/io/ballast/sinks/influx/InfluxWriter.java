package io.ballast.sinks.influx;

import okhttp3.OkHttpClient;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes points to InfluxDB 1.x in batches from a background thread. {@link #write} only buffers,
 * so an InfluxDB outage delays points but never blocks or throws into the caller; failed batches
 * are retried with exponential backoff, and a full buffer drops the oldest metrics before any action or alert.
 */
public final class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final long DROP_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InfluxWriterConfig config;
    private final InfluxDB client;
    private final PointBuffer buffer;
    private final Thread sender;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedPriority = new AtomicLong();
    private long lastDropLog;
    private int inFlight;
    private boolean flushRequested;
    private boolean closed;
    private boolean databaseReady;

    public InfluxWriter(InfluxWriterConfig config) {
        this.config = config;
        this.buffer = new PointBuffer(config.bufferCapacity());
        long timeout = config.requestTimeout().toMillis();
        this.client = InfluxDBFactory.connect(config.url(), new OkHttpClient.Builder()
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS));
        this.sender = new Thread(this::run, "influx-writer-" + config.database());
        sender.setDaemon(true);
        sender.start();
    }

    /** Buffers one point; returns at once. A point with nothing to write (all fields NaN) is ignored. */
    public void write(Point point) {
        String line = point.lineProtocol(TimeUnit.MILLISECONDS);
        if (line.isEmpty()) {
            return;
        }
        PointBuffer.Line entry = new PointBuffer.Line(line, InfluxPoints.PRIORITY.contains(measurement(line)));
        synchronized (this) {
            if (closed) {
                countDrops(new PointBuffer.Dropped(entry.priority() ? 0 : 1, entry.priority() ? 1 : 0), "writer closed");
                return;
            }
            countDrops(buffer.add(entry), "buffer full");
            if (buffer.size() >= config.batchSize()) {
                notifyAll();
            }
        }
    }

    public void write(Collection<Point> points) {
        points.forEach(this::write);
    }

    /** Asks for everything buffered to be sent now, and waits up to {@code timeout} for it. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            flushRequested = true;
            notifyAll();
            try {
                while (!buffer.isEmpty() || inFlight > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }

    /** Flushes with the configured flush timeout. */
    public boolean flush() {
        return flush(config.flushTimeout());
    }

    /** Points accepted by InfluxDB. */
    public long written() {
        return written.get();
    }

    /** Failed write attempts that were retried. */
    public long retried() {
        return retried.get();
    }

    /** Points thrown away: buffer overflow, rejected by InfluxDB, or left over at close. */
    public long dropped() {
        return dropped.get();
    }

    /** Of {@link #dropped()}, the action and alert points. */
    public long droppedPriority() {
        return droppedPriority.get();
    }

    public synchronized int buffered() {
        return buffer.size() + inFlight;
    }

    /** Flushes for up to the flush timeout, then stops; whatever is still buffered is counted as dropped. */
    @Override
    public void close() {
        boolean drained = flush();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            sender.join(config.requestTimeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        synchronized (this) {
            if (!drained || !buffer.isEmpty()) {
                List<PointBuffer.Line> left = buffer.take(Integer.MAX_VALUE);
                int priority = (int) left.stream().filter(PointBuffer.Line::priority).count();
                countDrops(new PointBuffer.Dropped(left.size() - priority, priority), "closed before InfluxDB took them");
            }
        }
        client.close();
    }

    private void run() {
        long backoff = config.initialBackoff().toNanos();
        long lastSend = System.nanoTime();
        while (true) {
            List<PointBuffer.Line> batch;
            synchronized (this) {
                try {
                    while (!closed && !dueToSend(lastSend)) {
                        long wait = config.flushInterval().toNanos() - (System.nanoTime() - lastSend);
                        TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 1));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                batch = buffer.take(config.batchSize());
                inFlight = batch.size();
                if (batch.isEmpty()) {
                    flushRequested = false;
                    lastSend = System.nanoTime();
                    notifyAll();
                    continue;
                }
            }
            boolean retry = send(batch);
            lastSend = System.nanoTime();
            synchronized (this) {
                inFlight = 0;
                if (retry) {
                    retried.incrementAndGet();
                    countDrops(buffer.requeue(batch), "buffer full during an InfluxDB outage");
                } else if (buffer.isEmpty()) {
                    flushRequested = false;
                }
                notifyAll();
                if (retry) {
                    try {
                        // Waits out the backoff; close() cuts it short.
                        long until = System.nanoTime() + backoff;
                        while (!closed && System.nanoTime() < until) {
                            TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, config.maxBackoff().toNanos());
                } else {
                    backoff = config.initialBackoff().toNanos();
                }
            }
        }
    }

    private boolean dueToSend(long lastSend) {
        if (buffer.isEmpty()) {
            return flushRequested;
        }
        return flushRequested || buffer.size() >= config.batchSize()
                || System.nanoTime() - lastSend >= config.flushInterval().toNanos();
    }

    /** Returns true when the batch should be retried. */
    private boolean send(List<PointBuffer.Line> batch) {
        try {
            ensureDatabase();
            client.write(config.database(), config.retentionPolicy(), InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                    batch.stream().map(PointBuffer.Line::text).toList());
            written.addAndGet(batch.size());
            return false;
        } catch (InfluxDBException e) {
            if (String.valueOf(e.getMessage()).contains("database not found")) {
                databaseReady = false;
                LOG.warn("InfluxDB database {} is missing; creating it and retrying", config.database());
                return true;
            }
            if (e.isRetryWorth()) {
                LOG.warn("InfluxDB write of {} points failed, will retry: {}", batch.size(), e.getMessage());
                return true;
            }
            // Bad line protocol or a field type conflict: retrying would fail forever and stall everything behind it.
            LOG.error("InfluxDB rejected a batch of {} points, dropping it: {}", batch.size(), e.getMessage());
            synchronized (this) {
                int priority = (int) batch.stream().filter(PointBuffer.Line::priority).count();
                countDrops(new PointBuffer.Dropped(batch.size() - priority, priority), "rejected by InfluxDB");
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warn("InfluxDB write of {} points failed, will retry: {}", batch.size(), e.toString());
            return true;
        }
    }

    private void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        QueryResult result = client.query(new Query("CREATE DATABASE \"" + config.database() + "\""));
        if (result.hasError()) {
            throw new InfluxDBException("cannot create database " + config.database() + ": " + result.getError());
        }
        databaseReady = true;
    }

    private void countDrops(PointBuffer.Dropped drops, String why) {
        if (drops.total() == 0) {
            return;
        }
        dropped.addAndGet(drops.total());
        droppedPriority.addAndGet(drops.priority());
        long now = System.nanoTime();
        if (lastDropLog == 0 || now - lastDropLog >= DROP_LOG_EVERY_NANOS) {
            lastDropLog = now;
            LOG.warn("InfluxDB writer dropped {} points ({} actions/alerts), {} in total: {}",
                    drops.total(), drops.priority(), dropped.get(), why);
        }
    }

    /** The measurement name: line protocol up to the first unescaped comma or space. */
    static String measurement(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || c == ' ') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
