package io.ballast.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, end to end: every scripted fault is detected and handled as the simulator expects. */
class DemoCommandTest {
    @Test
    void theDemoHandlesEveryScriptedFault() {
        CliTest.Run r = CliTest.run("demo", "--duration", "2m");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("DRAIN    gpu-node-010")
                .contains("ROLLBACK job-moe-1")
                .contains("switch_incident")
                .contains("WEBHOOK")
                .contains("8 of 8 faults handled as expected");
    }
}
