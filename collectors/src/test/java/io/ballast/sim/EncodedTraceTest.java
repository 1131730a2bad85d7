package io.ballast.sim;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncodedTraceTest {
    private static final SimConfig CONFIG = SimConfig.defaults().withFleet(4, 1).withDuration(Duration.ofSeconds(20));
    private static final FaultScript SCRIPT = FaultScript.of(FaultScript.ScriptedFault.at(FaultKind.XID_79, 0.5));

    @Test
    void readsBackEveryRecordInOrderWithItsTypeKeyAndEventTime(@TempDir Path dir) throws Exception {
        List<SpecificRecord> expected = SimRuns.all(new FleetSimulator(CONFIG, SCRIPT));

        try (EncodedTrace trace = EncodedTrace.write(new FleetSimulator(CONFIG, SCRIPT).records(), dir.resolve("trace.bin"))) {
            assertThat(trace.records()).isEqualTo(expected.size());
            List<EncodedTrace.Entry> entries = new ArrayList<>();
            trace.entries().forEachRemaining(entries::add);

            assertThat(entries).hasSize(expected.size());
            for (int i = 0; i < entries.size(); i++) {
                EncodedTrace.Entry e = entries.get(i);
                SpecificRecord record = expected.get(i);
                assertThat(AvroCodec.decode(e.message())).isEqualTo(record);
                assertThat(e.type()).isEqualTo(EventType.of(record));
                assertThat(e.key()).isEqualTo(Records.key(record));
                assertThat(e.ts()).isEqualTo(Records.ts(record));
            }
            assertThat(entries).extracting(EncodedTrace.Entry::type).contains(EventType.XID, EventType.NIC_COUNTERS, EventType.EXPERT_LOAD);
        }
    }

    @Test
    void canBeReadMoreThanOnceAndIsDeletedOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.bin");
        EncodedTrace trace = EncodedTrace.write(new FleetSimulator(CONFIG, SCRIPT).records(), file);
        long first = count(trace.entries());

        assertThat(count(trace.entries())).isEqualTo(first).isEqualTo(trace.records());
        trace.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void aTruncatedFileSaysHowFarItGot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.bin");
        try (EncodedTrace trace = EncodedTrace.write(new FleetSimulator(CONFIG, SCRIPT).records(), file)) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(Files.size(file) / 2);
            }

            assertThatThrownBy(() -> count(trace.entries()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("ends after").hasMessageContaining("of " + trace.records());
        }
    }

    private static long count(Iterator<EncodedTrace.Entry> entries) {
        long n = 0;
        while (entries.hasNext()) {
            entries.next();
            n++;
        }
        return n;
    }
}
