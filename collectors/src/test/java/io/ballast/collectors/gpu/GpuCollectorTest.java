package io.ballast.collectors.gpu;

import io.ballast.collectors.publish.CollectingPublisher;
import io.ballast.events.GpuSample;
import io.ballast.events.Xid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GpuCollectorTest {
    private static final List<String> CAT_CSV = List.of("cat", Fixtures.path(Fixtures.CSV).toString());
    private static final List<String> CAT_XML = List.of("cat", Fixtures.path(Fixtures.XML).toString());

    @TempDir
    Path dir;

    private GpuCollectorOptions options(List<String> query, List<String> xml, KernelLogSource log) {
        return GpuCollectorOptions.defaults(null).withNode("h100-a").withInterval(Duration.ofMillis(100))
                .withCommands(query, xml).withKernelLog(log);
    }

    @Test
    void publishesSamplesFromTheCsvCompletedByTheXmlReport() {
        CollectingPublisher publisher = new CollectingPublisher();
        try (GpuCollector collector = new GpuCollector(options(CAT_CSV, CAT_XML, KernelLogSource.none()), publisher)) {
            collector.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published(GpuSample.class).size() >= 2);
        }

        GpuSample s = publisher.published(GpuSample.class).get(0);
        assertThat(s.getNode()).isEqualTo("h100-a");
        assertThat(s.getGpu()).isZero();
        assertThat(s.getPowerW()).isEqualTo(113.62);
        assertThat(s.getPcieReplayTotal()).as("only the XML has the PCIe replay counter").isZero();
        assertThat(s.getRetiredPagesSbe()).isNull();
        assertThat(s.getThrottleReasons()).isEqualTo(1L);
    }

    @Test
    void keepsSamplingAfterNvidiaSmiFails() throws IOException {
        Path marker = dir.resolve("failed-once");
        Path script = Files.writeString(dir.resolve("flaky-nvidia-smi.sh"),
                "if [ -f '" + marker + "' ]; then cat '" + Fixtures.path(Fixtures.CSV) + "'; "
                        + "else touch '" + marker + "'; echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.' >&2; exit 9; fi\n");
        CollectingPublisher publisher = new CollectingPublisher();

        try (GpuCollector collector = new GpuCollector(options(List.of("sh", script.toString()), List.of(), KernelLogSource.none()), publisher)) {
            collector.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !publisher.published(GpuSample.class).isEmpty());
        }

        assertThat(marker).exists();
        assertThat(publisher.published(GpuSample.class).get(0).getPowerW()).isEqualTo(113.62);
    }

    @Test
    void aMissingNvidiaSmiIsAnErrorNamingTheCommand() {
        CollectingPublisher publisher = new CollectingPublisher();
        try (GpuCollector collector = new GpuCollector(
                options(List.of("/nonexistent/nvidia-smi"), List.of(), KernelLogSource.none()), publisher)) {
            assertThatThrownBy(() -> collector.sampleOnce(1L)).isInstanceOf(IOException.class).hasMessageContaining("/nonexistent/nvidia-smi");
        }
        assertThat(publisher.published(GpuSample.class)).isEmpty();
    }

    @Test
    void publishesXidsAppendedToTheFollowedLogWithTheGpuResolved() throws IOException {
        Path kernLog = Files.writeString(dir.resolve("kern.log"),
                "Nov 24 01:00:00 h100-a kernel: NVRM: Xid (PCI:0000:00:06): 13, pid=1, name=old, history is not replayed\n");
        CollectingPublisher publisher = new CollectingPublisher();

        try (GpuCollector collector = new GpuCollector(options(CAT_CSV, CAT_XML, KernelLogSource.file(kernLog)), publisher)) {
            collector.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.busMap().indexOf("0000:00:06").isPresent());

            Files.writeString(kernLog, String.join("\n",
                    "Nov 24 02:04:52 h100-a kernel: mlx5_core 0000:0c:00.0: Port module event: module 0, Cable plugged",
                    "Nov 24 02:04:53 h100-a kernel: NVRM: Xid (PCI:0000:00:06): 79, pid=1234, name=python3, GPU has fallen off the bus.",
                    "Nov 24 02:04:54 h100-a kernel: NVRM: Xid (PCI:0000:3b:00): 48, pid=1234, name=python3, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition 6, subpartition 0.",
                    ""), StandardOpenOption.APPEND);

            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published(Xid.class).size() >= 2);
        }

        List<Xid> xids = publisher.published(Xid.class);
        assertThat(xids).extracting(Xid::getXid).containsExactly(79, 48);
        assertThat(xids.get(0).getGpu()).isZero();
        assertThat(xids.get(0).getNode()).isEqualTo("h100-a");
        assertThat(xids.get(1).getGpu()).as("not a GPU of this node").isNull();
    }
}
