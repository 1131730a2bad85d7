package io.ballast.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * CPU and heap of this JVM over a phase: the broker, the simulator and the Flink MiniCluster all run in it,
 * so the figures are for the whole bench, not for the job alone.
 */
public final class ProcessStats implements AutoCloseable {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final long startCpuNanos = os.getProcessCpuTime();
    private final long startJitMillis = jitMillis();
    private final long startWallNanos = System.nanoTime();
    private final Thread sampler;
    private volatile long maxHeapUsed;
    private volatile boolean running = true;

    private ProcessStats() {
        sampler = new Thread(() -> {
            while (running) {
                maxHeapUsed = Math.max(maxHeapUsed, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(200); // sampling period of the heap gauge
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static ProcessStats start() {
        return new ProcessStats();
    }

    /** Average cores busy since start (process CPU time / wall time). */
    public double coresUsed() {
        long wall = System.nanoTime() - startWallNanos;
        return wall <= 0 ? 0 : (double) (os.getProcessCpuTime() - startCpuNanos) / wall;
    }

    /**
     * Average cores the JIT compilers took since start, part of {@link #coresUsed()}: a long-running job has long
     * stopped paying it, a bench pass of a few seconds in a JVM a minute old has not. Zero where the JVM does not say.
     */
    public double jitCoresUsed() {
        long wall = System.nanoTime() - startWallNanos;
        return wall <= 0 ? 0 : (jitMillis() - startJitMillis) * 1e6 / wall;
    }

    private long jitMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    public long maxHeapUsedMb() {
        return maxHeapUsed >> 20;
    }

    public long heapMaxMb() {
        return memory.getHeapMemoryUsage().getMax() >> 20;
    }

    public String describe() {
        return String.format("cpu %.2f cores (of %d; JIT compilers %.2f of them), heap max used %d MiB of %d MiB", coresUsed(),
                Runtime.getRuntime().availableProcessors(), jitCoresUsed(), maxHeapUsedMb(), heapMaxMb());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
