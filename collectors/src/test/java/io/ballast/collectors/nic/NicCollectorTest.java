package io.ballast.collectors.nic;

import io.ballast.collectors.publish.CollectingPublisher;
import io.ballast.events.NicCounters;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NicCollectorTest {

    @Test
    void publishesEveryPortEachInterval() {
        Path root = SysfsNicReaderTest.recordedTree();
        NicCollectorOptions options = NicCollectorOptions.defaults(null).withNode("node-7").withInterval(Duration.ofMillis(100))
                .withSysfsRoot(root).withTopologyFile(root.resolve("topology.txt"));
        CollectingPublisher publisher = new CollectingPublisher();

        try (NicCollector collector = new NicCollector(options, publisher)) {
            collector.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published(NicCounters.class).size() >= 6);
        }

        assertThat(publisher.published(NicCounters.class)).extracting(NicCounters::getDevice).contains("mlx5_0", "mlx5_1", "ib0");
        assertThat(publisher.published(NicCounters.class)).filteredOn(r -> r.getDevice().equals("mlx5_1"))
                .allSatisfy(r -> assertThat(r.getSwitch$()).isEqualTo("leaf-p1-03"));
        assertThat(publisher.published(NicCounters.class)).extracting(NicCounters::getNode).containsOnly("node-7");
    }
}
