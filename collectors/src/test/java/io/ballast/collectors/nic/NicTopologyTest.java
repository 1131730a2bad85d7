package io.ballast.collectors.nic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NicTopologyTest {

    @Test
    void readsPlaneAndSwitchPerDeviceIgnoringComments() {
        NicTopology t = NicTopology.parse(List.of(
                "# rail-optimised, 2 planes",
                "mlx5_0 plane=0 switch=leaf-p0-03",
                "",
                "mlx5_1   switch=leaf-p1-03   plane=1  # reseated 2026-11-02",
                "mlx5_2 plane=2"), "topo");

        assertThat(t.placement("mlx5_0")).contains(new NicTopology.Placement(0, "leaf-p0-03"));
        assertThat(t.placement("mlx5_1")).contains(new NicTopology.Placement(1, "leaf-p1-03"));
        assertThat(t.placement("mlx5_2")).contains(new NicTopology.Placement(2, null));
        assertThat(t.placement("eth0")).isEmpty();
    }

    @Test
    void namesTheLineOfABadEntry() {
        assertThatThrownBy(() -> NicTopology.parse(List.of("mlx5_0 plane=0", "mlx5_1 plane=one"), "nics.txt"))
                .hasMessage("nics.txt line 2: plane must be a number, got 'one'");
        assertThatThrownBy(() -> NicTopology.parse(List.of("mlx5_0 rail=3"), "nics.txt"))
                .hasMessageContaining("nics.txt line 1: unknown key 'rail'");
        assertThatThrownBy(() -> NicTopology.parse(List.of("mlx5_0 plane=0", "mlx5_0 plane=1"), "nics.txt"))
                .hasMessageContaining("listed twice");
    }
}
