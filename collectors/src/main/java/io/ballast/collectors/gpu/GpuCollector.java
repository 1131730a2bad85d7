package io.ballast.collectors.gpu;

import io.ballast.collectors.publish.RecordPublisher;
import io.ballast.events.GpuSample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every GPU of this node through nvidia-smi at a fixed interval and follows the kernel log for Xids,
 * publishing {@code gpu_sample} and {@code xid} records. A failing nvidia-smi is logged (once per failure
 * streak) and tried again at the next tick; it never stops the loop.
 */
public final class GpuCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuCollector.class);

    private final GpuCollectorOptions options;
    private final RecordPublisher publisher;
    private final XidLogParser xidParser;
    private final KernelLogFollower follower;
    private final ScheduledExecutorService loop;
    private volatile GpuBusMap busMap = GpuBusMap.EMPTY;
    private volatile boolean failing;

    public GpuCollector(GpuCollectorOptions options, RecordPublisher publisher) {
        this.options = options;
        this.publisher = publisher;
        this.xidParser = new XidLogParser(options.node(), options.cluster());
        this.follower = new KernelLogFollower(options.kernelLog(), this::onKernelLine);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ballast-gpu-collector");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        follower.start();
        loop.scheduleWithFixedDelay(this::tick, 0, options.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("collecting GPU samples every {} s as node {}, Xids from {}", options.interval().toSeconds(), options.node(), options.kernelLog());
    }

    /** The PCI bus id -> GPU index map from the latest successful nvidia-smi run. */
    public GpuBusMap busMap() {
        return busMap;
    }

    private void tick() {
        try {
            sampleOnce(System.currentTimeMillis());
            if (failing) {
                LOG.info("nvidia-smi works again");
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("nvidia-smi failed, retrying every {} s: {}", options.interval().toSeconds(), e.getMessage());
                failing = true;
            } else {
                LOG.debug("nvidia-smi still failing: {}", e.getMessage());
            }
        }
    }

    /** One round: query, merge the XML report's counters into the CSV samples, publish. */
    void sampleOnce(long ts) throws IOException {
        Map<Integer, GpuHealth> health = new HashMap<>();
        Map<String, Integer> buses = new HashMap<>();
        if (!options.xmlCommand().isEmpty()) {
            try {
                List<GpuHealth> report = NvidiaSmiXmlParser.parse(CommandRunner.run(options.xmlCommand(), options.commandTimeout()));
                report.forEach(gpu -> health.put(gpu.index(), gpu));
                buses.putAll(NvidiaSmiXmlParser.busMap(report).indexByBusId());
            } catch (IOException | RuntimeException e) {
                // The CSV still carries the essentials; PCIe and NVLink counters are missing this round.
                LOG.debug("nvidia-smi -q -x failed: {}", e.getMessage());
            }
        }
        String csv = CommandRunner.run(options.queryCommand(), options.commandTimeout());
        buses.putAll(NvidiaSmiCsvParser.busMap(csv).indexByBusId());
        busMap = new GpuBusMap(buses);
        for (GpuSample sample : NvidiaSmiCsvParser.parse(csv, options.node(), options.cluster(), ts)) {
            GpuHealth extra = health.get(sample.getGpu());
            publisher.publish(extra == null ? sample : extra.fillGaps(sample));
        }
    }

    private void onKernelLine(String line) {
        xidParser.parse(line, System.currentTimeMillis(), busMap).ifPresent(xid -> {
            LOG.info("Xid {} on {} (GPU {})", xid.getXid(), xid.getPciBusId(), xid.getGpu());
            publisher.publish(xid);
        });
    }

    @Override
    public void close() {
        follower.close();
        loop.shutdownNow();
        try {
            loop.awaitTermination(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
