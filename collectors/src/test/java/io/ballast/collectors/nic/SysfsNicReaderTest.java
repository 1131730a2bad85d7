package io.ballast.collectors.nic;

import io.ballast.events.NicCounters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SysfsNicReaderTest {
    private static final long TS = 1_795_000_000_000L;

    static Path recordedTree() {
        try {
            return Path.of(SysfsNicReaderTest.class.getClassLoader().getResource("fixtures/sysfs-mlx5").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, NicCounters> byDevice(List<NicCounters> records) {
        return records.stream().collect(Collectors.toMap(NicCounters::getDevice, Function.identity()));
    }

    @Test
    void readsEveryPortOfTheRecordedMlx5Tree() {
        Path root = recordedTree();
        NicTopology topology = NicTopology.load(root.resolve("topology.txt"));

        Map<String, NicCounters> ports = byDevice(new SysfsNicReader(root).read("node-7", "west", TS, topology));

        assertThat(ports).containsOnlyKeys("mlx5_0", "mlx5_1", "ib0");
        NicCounters healthy = ports.get("mlx5_0");
        assertThat(healthy.getNode()).isEqualTo("node-7");
        assertThat(healthy.getCluster()).isEqualTo("west");
        assertThat(healthy.getTs()).isEqualTo(TS);
        assertThat(healthy.getPort()).isEqualTo(1);
        assertThat(healthy.getLinkState()).isEqualTo("ACTIVE");
        assertThat(healthy.getBootId()).isEqualTo("8f2d4c4e-7a51-4b1e-9f0a-3c2b6d1e5a77");
        assertThat(healthy.getPlane()).isZero();
        assertThat(healthy.getSwitch$()).isEqualTo("leaf-p0-03");
        assertThat(healthy.getCounters()).containsKeys("symbol_error", "link_error_recovery", "link_downed", "port_rcv_errors",
                "port_rcv_remote_physical_errors", "port_xmit_discards", "port_xmit_wait", "port_xmit_data", "port_rcv_data",
                "excessive_buffer_overrun_errors", "local_link_integrity_errors",
                "out_of_sequence", "np_cnp_sent", "rp_cnp_handled", "np_ecn_marked_roce_packets", "local_ack_timeout_err");
        assertThat(healthy.getCounters()).containsEntry("port_xmit_data", 918273645512L).containsEntry("np_cnp_sent", 1520L);
        assertThat(healthy.getCounters()).as("lifespan is a setting").doesNotContainKey("lifespan");
    }

    @Test
    void readsTheFaultyPortsStateAndErrorCounters() {
        NicCounters faulty = byDevice(new SysfsNicReader(recordedTree()).read("n", null, TS, NicTopology.empty())).get("mlx5_1");

        assertThat(faulty.getLinkState()).isEqualTo("DOWN");
        assertThat(faulty.getCounters()).containsEntry("symbol_error", 117L).containsEntry("link_downed", 1L)
                .containsEntry("link_error_recovery", 3L).containsEntry("local_ack_timeout_err", 7L).containsEntry("out_of_sequence", 311L);
        assertThat(faulty.getPlane()).isNull();
        assertThat(faulty.getSwitch$()).isNull();
    }

    @Test
    void readsIpoibNetdevAsPortOne() {
        NicCounters ib0 = byDevice(new SysfsNicReader(recordedTree()).read("n", null, TS, NicTopology.empty())).get("ib0");

        assertThat(ib0.getPort()).isEqualTo(1);
        assertThat(ib0.getLinkState()).isEqualTo("ACTIVE");
        assertThat(ib0.getCounters()).containsEntry("rx_bytes", 7712003L).containsEntry("rx_dropped", 3L);
    }

    @Test
    void readsThisMachinesOwnNetdevs() throws IOException {
        SysfsNicReader reader = new SysfsNicReader(Path.of("/"));

        List<NicCounters> records = reader.read("here", null, TS, NicTopology.empty());

        assertThat(records).isNotEmpty();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getCounters()).containsKeys("rx_bytes", "tx_bytes", "rx_errors", "tx_dropped");
            assertThat(r.getCounters().values()).allMatch(v -> v >= 0);
            assertThat(r.getBootId()).isNotBlank().isNotEqualTo(SysfsNicReader.UNKNOWN_BOOT_ID);
        });
        assertThat(records).extracting(NicCounters::getDevice).contains("lo");
        assertThat(records).filteredOn(r -> r.getDevice().equals("lo")).singleElement()
                .satisfies(lo -> assertThat(lo.getBootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim()));
    }

    @Test
    void skipsUnreadableAndNonNumericFiles(@TempDir Path root) throws IOException {
        Path port = Files.createDirectories(root.resolve("sys/class/infiniband/mlx5_3/ports/1"));
        Files.writeString(port.resolve("state"), "4: ACTIVE\n");
        Files.createDirectories(port.resolve("counters/port_rcv_errors"));
        Files.writeString(port.resolve("counters/symbol_error"), "12\n");
        Files.writeString(port.resolve("counters/garbage"), "N/A\n");
        Files.createDirectories(port.resolve("hw_counters"));
        Files.writeString(port.resolve("hw_counters/out_of_sequence"), "18446744073709551615\n");

        NicCounters r = new SysfsNicReader(root).read("n", null, TS, NicTopology.empty()).get(0);

        assertThat(r.getCounters()).containsOnly(Map.entry("symbol_error", 12L), Map.entry("out_of_sequence", Long.MAX_VALUE));
        assertThat(r.getBootId()).isEqualTo(SysfsNicReader.UNKNOWN_BOOT_ID);
    }

    @Test
    void normalisesLinkStates() {
        assertThat(SysfsNicReader.ibState("4: ACTIVE")).isEqualTo("ACTIVE");
        assertThat(SysfsNicReader.ibState("2: INIT")).isEqualTo("INIT");
        assertThat(SysfsNicReader.operState("up")).isEqualTo("ACTIVE");
        assertThat(SysfsNicReader.operState("lowerlayerdown")).isEqualTo("DOWN");
        assertThat(SysfsNicReader.operState("unknown")).isEqualTo("UNKNOWN");
    }
}
