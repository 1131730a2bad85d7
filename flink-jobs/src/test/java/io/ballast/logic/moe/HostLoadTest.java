package io.ballast.logic.moe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostLoadTest {
    private static final List<String> HOSTS = List.of("n1/0", "n1/0", "n1/1", "n2/0", "n2/1", "n2/1");

    @Test
    void sumsPerGpuAndNodeAndTheBusiestOverMean() {
        HostLoad load = HostLoad.of(new long[] {10, 30, 20, 20, 5, 15}, HOSTS);
        assertThat(load.perGpu()).containsEntry("n1/0", 40L).containsEntry("n1/1", 20L)
                .containsEntry("n2/0", 20L).containsEntry("n2/1", 20L);
        assertThat(load.perNode()).containsEntry("n1", 60L).containsEntry("n2", 40L);
        assertThat(load.gpuMaxOverMean()).isEqualTo(40 / 25.0);
        assertThat(load.nodeMaxOverMean()).isEqualTo(60 / 50.0);
        assertThat(load.busiestGpu()).isEqualTo("n1/0");
        assertThat(load.busiestNode()).isEqualTo("n1");
    }

    @Test
    void findsTheExpertsOfAGpuOrANode() {
        assertThat(HostLoad.expertsOn(HOSTS, "n2", 1)).containsExactly(4, 5);
        assertThat(HostLoad.expertsOn(HOSTS, "n1", null)).containsExactly(0, 1, 2);
        assertThat(HostLoad.expertsOn(HOSTS, "n9", null)).isEmpty();
    }

    @Test
    void lengthMismatchNamesTheProblem() {
        assertThatThrownBy(() -> HostLoad.of(new long[] {1, 2}, HOSTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 hosts").hasMessageContaining("2 experts");
    }
}
