package io.ballast.collectors.nic;

import io.ballast.collectors.publish.RecordPublisher;
import io.ballast.events.NicCounters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads every NIC port's sysfs counters at a fixed interval and publishes one {@code nic_counters} record per
 * port. The topology file is read once at construction, so a malformed one fails fast with its line number.
 */
public final class NicCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NicCollector.class);

    private final NicCollectorOptions options;
    private final RecordPublisher publisher;
    private final SysfsNicReader reader;
    private final NicTopology topology;
    private final ScheduledExecutorService loop;
    private volatile boolean failing;

    public NicCollector(NicCollectorOptions options, RecordPublisher publisher) {
        this.options = options;
        this.publisher = publisher;
        this.reader = new SysfsNicReader(options.sysfsRoot());
        this.topology = options.topologyFile() == null ? NicTopology.empty() : NicTopology.load(options.topologyFile());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ballast-nic-collector");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        loop.scheduleWithFixedDelay(this::tick, 0, options.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("collecting NIC counters under {} every {} s as node {}", options.sysfsRoot(), options.interval().toSeconds(), options.node());
    }

    /** One round: read every port, publish; returns what was published. */
    List<NicCounters> sampleOnce(long ts) {
        List<NicCounters> records = reader.read(options.node(), options.cluster(), ts, topology);
        records.forEach(publisher::publish);
        return records;
    }

    private void tick() {
        try {
            boolean empty = sampleOnce(System.currentTimeMillis()).isEmpty();
            if (empty && !failing) {
                LOG.warn("no NIC ports found under {}", options.sysfsRoot());
            } else if (!empty && failing) {
                LOG.info("NIC counters readable again");
            }
            failing = empty;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("reading NIC counters failed, retrying every {} s: {}", options.interval().toSeconds(), e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
