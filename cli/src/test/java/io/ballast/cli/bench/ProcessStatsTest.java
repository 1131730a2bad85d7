package io.ballast.cli.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessStatsTest {

    @Test
    void codeCompiledDuringThePhaseShowsAsJitCoresWithinTheProcessCpu() {
        try (ProcessStats stats = ProcessStats.start()) {
            long[] sink = new long[1];
            await("the JIT compiled this test's hot loop").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                    .until(() -> {
                        sink[0] += hotLoop(sink[0]);
                        return stats.jitCoresUsed() > 0;
                    });

            assertThat(stats.describe()).matches("cpu \\d+\\.\\d\\d cores \\(of \\d+; JIT compilers \\d+\\.\\d\\d of them\\), heap .*");
            assertThat(stats.jitCoresUsed()).isPositive();
        }
    }

    private static long hotLoop(long seed) {
        long x = seed;
        for (int i = 0; i < 100_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
