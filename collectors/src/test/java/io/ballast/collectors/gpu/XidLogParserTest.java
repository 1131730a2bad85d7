package io.ballast.collectors.gpu;

import io.ballast.events.Xid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class XidLogParserTest {
    private static final long READ_AT = 1_795_000_000_000L;
    private static final GpuBusMap BUS_MAP = new GpuBusMap(Map.of(
            "00000000:3B:00.0", 2, "00000000:5E:00.0", 3, "00000000:B1:00.0", 6));
    private final XidLogParser parser = new XidLogParser("gpu-node-17", null);

    private Xid parse(String line) {
        return parser.parse(line, READ_AT, BUS_MAP).orElseThrow(() -> new AssertionError("no Xid in: " + line));
    }

    @Test
    void parsesXid79AndResolvesTheGpu() {
        Xid x = parse("NVRM: Xid (PCI:0000:3b:00): 79, pid=1234, name=python3, GPU has fallen off the bus.");

        assertThat(x.getXid()).isEqualTo(79);
        assertThat(x.getPciBusId()).isEqualTo("0000:3b:00.0");
        assertThat(x.getGpu()).isEqualTo(2);
        assertThat(x.getPid()).isEqualTo(1234);
        assertThat(x.getNode()).isEqualTo("gpu-node-17");
        assertThat(x.getTs()).isEqualTo(READ_AT);
        assertThat(x.getMessage()).isEqualTo("pid=1234, name=python3, GPU has fallen off the bus.");
    }

    @Test
    void parsesTheOlderFormWithoutPciPrefix() {
        Xid x = parse("NVRM: Xid (0000:5e:00): 13, pid=2411, name=python, Graphics SM Warp Exception on (GPC 1, TPC 0, SM 0): Out Of Range Address");

        assertThat(x.getXid()).isEqualTo(13);
        assertThat(x.getGpu()).isEqualTo(3);
        assertThat(x.getPid()).isEqualTo(2411);
    }

    @Test
    void unknownPidIsNull() {
        Xid x = parse("NVRM: Xid (PCI:0000:3b:00): 63, pid='<unknown>', name=<unknown>, Row Remapper: New row (0x00000000003ff9c0) marked for remapping, reset gpu to activate.");

        assertThat(x.getXid()).isEqualTo(63);
        assertThat(x.getPid()).isNull();
    }

    @Test
    void unknownBusIdKeepsTheIdButNoGpu() {
        Xid x = parse("NVRM: Xid (PCI:0000:9a:00): 48, pid=77, name=train, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition 6, subpartition 0.");

        assertThat(x.getGpu()).isNull();
        assertThat(x.getPciBusId()).isEqualTo("0000:9a:00.0");
    }

    @Test
    void stripsDmesgPrefix() {
        Xid x = parse("[ 1234.567890] NVRM: Xid (PCI:0000:b1:00): 31, pid=12345, name=python3, Ch 00000008, intr 00000000. MMU Fault: ENGINE GRAPHICS GPCCLIENT_T1_0 faulted @ 0x7f3c_00000000. Fault is of type FAULT_PDE ACCESS_TYPE_VIRT_READ");

        assertThat(x.getXid()).isEqualTo(31);
        assertThat(x.getGpu()).isEqualTo(6);
        assertThat(x.getTs()).as("dmesg time counts from boot").isEqualTo(READ_AT);
    }

    @Test
    void stripsKmsgRecordPrefix() {
        Xid x = parse("4,1234,567890123,-;NVRM: Xid (PCI:0000:3b:00): 94, pid=3311, name=python3, Contained: CE User Channel (0x9). RST: No, D-RST: No");

        assertThat(x.getXid()).isEqualTo(94);
        assertThat(x.getGpu()).isEqualTo(2);
        assertThat(x.getMessage()).startsWith("pid=3311");
    }

    @Test
    void stripsJournalctlPrefix() {
        Xid x = parse("Nov 24 02:04:53 gpu-node-17 kernel: NVRM: Xid (PCI:0000:5e:00): 95, pid=3311, name=python3, Uncontained: FBHUB. RST: Yes, D-RST: No");

        assertThat(x.getXid()).isEqualTo(95);
        assertThat(x.getGpu()).isEqualTo(3);
        assertThat(x.getTs()).isEqualTo(READ_AT);
    }

    @Test
    void takesEventTimeFromShortIsoJournal() {
        Xid x = parse("2026-11-24T02:04:53+0000 gpu-node-17 kernel: NVRM: Xid (PCI:0000:3b:00): 119, pid=5120, name=python3, Timeout after 6s of waiting for RPC response from GPU1 GSP! Expected function 76 (GSP_RM_CONTROL) (0x20808513 0x598).");

        assertThat(x.getXid()).isEqualTo(119);
        assertThat(x.getTs()).isEqualTo(Instant.parse("2026-11-24T02:04:53Z").toEpochMilli());
    }

    @Test
    void takesEventTimeFromShortIsoWithColonOffsetAndFraction() {
        Xid x = parse("2026-11-24T03:04:53.250000+01:00 gpu-node-17 kernel: NVRM: Xid (PCI:0000:3b:00): 43, pid=2411, name=python, Ch 00000010");

        assertThat(x.getXid()).isEqualTo(43);
        assertThat(x.getTs()).isEqualTo(Instant.parse("2026-11-24T02:04:53.250Z").toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13|NVRM: Xid (PCI:0000:3b:00): 13, pid=2411, name=python, Graphics Exception: ESR 0x514730=0x2000001 0x514734=0x0",
            "31|NVRM: Xid (PCI:0000:3b:00): 31, pid=8821, name=python3, Ch 0000000a, intr 10000000. MMU Fault: ENGINE GRAPHICS GPCCLIENT_T1_1 faulted @ 0x0_00000000. Fault is of type FAULT_PDE ACCESS_TYPE_VIRT_WRITE",
            "43|NVRM: Xid (PCI:0000:3b:00): 43, pid=2411, name=python, Ch 00000010",
            "48|NVRM: Xid (PCI:0000:3b:00): 48, pid=2411, name=python, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition 6, subpartition 0.",
            "63|NVRM: Xid (PCI:0000:3b:00): 63, pid='<unknown>', name=<unknown>, Row Remapper: New row (0x000000000002a1c0) marked for remapping, reset gpu to activate.",
            "64|NVRM: Xid (PCI:0000:3b:00): 64, pid='<unknown>', name=<unknown>, Row Remapper: Failed to mark row (0x000000000002a1c0) for remapping, the remapping table is full.",
            "74|NVRM: Xid (PCI:0000:3b:00): 74, pid=4410, name=python3, NVLink: fatal error detected on link 5(0x0, 0x0, 0x10000, 0x0, 0x0, 0x0, 0x0)",
            "79|NVRM: Xid (PCI:0000:3b:00): 79, pid=4410, name=python3, GPU has fallen off the bus.",
            "94|NVRM: Xid (PCI:0000:3b:00): 94, pid=4410, name=python3, Contained: SM (0x1). RST: No, D-RST: No",
            "95|NVRM: Xid (PCI:0000:3b:00): 95, pid=4410, name=python3, Uncontained: LTC TAG (0x2,0x0). RST: Yes, D-RST: No",
            "119|NVRM: Xid (PCI:0000:3b:00): 119, pid=4410, name=python3, Timeout after 6s of waiting for RPC response from GPU0 GSP! Expected function 103 (GSP_RM_ALLOC) (0x2080 0x4).",
    })
    void parsesTheXidNumberOfRealMessages(int expectedXid, String line) {
        Xid x = parse("[ 8812.031337] " + line);

        assertThat(x.getXid()).isEqualTo(expectedXid);
        assertThat(x.getGpu()).isEqualTo(2);
        assertThat(x.getMessage()).isEqualTo(line.substring(line.indexOf(", ") + 2));
    }

    @Test
    void ignoresNonXidLines() {
        assertThat(parser.parse("[ 12.000000] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  580.159.04", READ_AT, BUS_MAP)).isEmpty();
        assertThat(parser.parse("Nov 24 02:04:53 host kernel: mlx5_core 0000:0c:00.0: Port module event: module 0, Cable plugged", READ_AT, BUS_MAP)).isEmpty();
        assertThat(parser.parse(" SUBSYSTEM=pci", READ_AT, BUS_MAP)).isEmpty();
        assertThat(parser.parse("", READ_AT, BUS_MAP)).isEmpty();
        assertThat(parser.parse(null, READ_AT, BUS_MAP)).isEmpty();
    }

    @Test
    void normalisesBusIdSpellings() {
        assertThat(PciBusIds.normalize("00000000:3B:00.0")).contains("0000:3b:00.0");
        assertThat(PciBusIds.normalize("0000:3b:00")).contains("0000:3b:00.0");
        assertThat(PciBusIds.normalize("PCI:0000:3b:00")).contains("0000:3b:00.0");
        assertThat(PciBusIds.normalize("3b:00.0")).contains("0000:3b:00.0");
        assertThat(PciBusIds.normalize("not-a-bus")).isEmpty();
    }
}
