package io.ballast.cli;

import io.ballast.cli.bench.BenchResult;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench command's options and its machine-readable last line; the measurement itself is run by hand (docs/performance.md). */
class BenchCommandTest {
    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand();
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, Durations::parse);
        cli.parseArgs(args);
        return command;
    }

    @Test
    void defaultsToAMinuteAtTheMeasuredMaximumWithHalfSecondCheckpoints() {
        BenchCommand c = parse();
        c.validate();
        assertThat(c.duration).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.pacedRate()).isEmpty();
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(c.outOfOrderness).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.pacedWarmup).as("three report rounds of the fleet").isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void refusesANegativePacedWarmupAndAcceptsNone() {
        assertThatThrownBy(() -> parse("--paced-warmup", "PT-1S").validate()).hasMessageContaining("--paced-warmup must not be negative");
        parse("--paced-warmup", "0s").validate();
    }

    @Test
    void refusesANegativeOutOfOrdernessAndAcceptsNone() {
        assertThatThrownBy(() -> parse("--out-of-orderness", "PT-1S").validate()).hasMessageContaining("--out-of-orderness must not be negative");
        assertThat(parse("--out-of-orderness", "0s").outOfOrderness).isZero();
    }

    @Test
    void acceptsANumericRate() {
        BenchCommand c = parse("--rate", "50000", "--duration", "2m");
        c.validate();
        assertThat(c.pacedRate()).contains(50000.0);
        assertThat(c.duration).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesARateThatIsNeitherANumberNorMax() {
        CliTest.Run r = CliTest.run("bench", "--rate", "fast");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--rate").contains("'fast'");
    }

    @Test
    void refusesAZeroRate() {
        assertThatThrownBy(() -> parse("--rate", "0").validate()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
    }

    @Test
    void refusesADurationTooShortForTheScriptedFault() {
        CliTest.Run r = CliTest.run("bench", "--duration", "2s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--duration must be at least 5s");
    }

    @Test
    void refusesATinyPreload() {
        assertThatThrownBy(() -> parse("--preload", "100").validate()).hasMessageContaining("--preload");
    }

    @Test
    void refusesANegativeWarmupAndAcceptsNone() {
        assertThatThrownBy(() -> parse("--warmup", "-1").validate()).hasMessageContaining("--warmup");
        parse("--warmup", "0").validate();
    }

    @Test
    void measuresThreePassesByDefaultAndRefusesNone() {
        assertThat(parse().passes).isEqualTo(3);
        assertThatThrownBy(() -> parse("--passes", "0").validate()).hasMessageContaining("--passes must be at least 1 (got 0)");
        parse("--passes", "1").validate();
    }

    @Test
    void theHardwareOperatorTakesItsOwnParallelismAndRefusesNone() {
        assertThat(parse("--hardware-parallelism", "2").hardwareParallelism).isEqualTo(2);
        assertThatThrownBy(() -> parse("--hardware-parallelism", "0").validate()).hasMessageContaining("--hardware-parallelism must be at least 1 (got 0)");
    }

    @Test
    void refusesNegativeWarmPassesAndAcceptsSome() {
        assertThatThrownBy(() -> parse("--warm-passes", "-1").validate()).hasMessageContaining("--warm-passes must not be negative");
        parse("--warm-passes", "2").validate();
    }

    @Test
    void lastLineIsKeyValuePairsInTheDocumentedOrder() {
        String line = new BenchResult(123_456.7, 40, 900, 250_000).lastLine();
        assertThat(line).isEqualTo("events_per_s=123457 p50_ms=40 p99_ms=900 limit_events_per_s=250000 ratio=0.494");
        assertThat(line).matches("events_per_s=\\d+ p50_ms=-?\\d+ p99_ms=-?\\d+ limit_events_per_s=\\d+ ratio=\\d+\\.\\d{3}");
    }

    @Test
    void lastLineReportsMissingLatencyAsMinusOneAndNoLimitAsRatioZero() {
        assertThat(new BenchResult(10, -1, -1, 0).lastLine()).isEqualTo("events_per_s=10 p50_ms=-1 p99_ms=-1 limit_events_per_s=0 ratio=0.000");
    }
}
