package io.ballast.logic.moe;

import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;
import io.ballast.logic.stability.TraceFixture;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The MoE path end to end on the real 600-step H100 trace (4 layers x 16 experts, global counts). */
class TraceBalanceTest {

    @Test
    void everyGlobalStepPublishesOneContiguousVersionPerLayer() throws Exception {
        MoeConfig config = MoeConfig.defaults();
        StepAggregator aggregator = new StepAggregator(config);
        BiasController controller = new BiasController(config);
        JobTopology topology = TraceFixture.read(TraceFixture.TINY_MOE, JobTopology.class).get(0);
        Map<Integer, BiasState> layers = new HashMap<>();
        Map<Integer, Long> lastVersion = new HashMap<>();
        List<ExpertLoad> loads = TraceFixture.read(TraceFixture.TINY_MOE, ExpertLoad.class);
        for (ExpertLoad load : loads) {
            AggregationResult agg = aggregator.add(new StepAggregationState(), load);
            assertThat(agg.isComplete()).isTrue();
            BiasState state = layers.computeIfAbsent(load.getLayer(), l -> new BiasState());
            BiasResult result = controller.apply(state, agg.step(), agg.counts(), topology.getBiasUpdateRate(), null)
                    .result();
            assertThat(result.version()).isEqualTo(lastVersion.getOrDefault(load.getLayer(), 0L) + 1);
            lastVersion.put(load.getLayer(), result.version());
            assertThat(result.maxVio()).isBetween(0.0, 16.0);
        }
        assertThat(layers).hasSize(4);
        assertThat(lastVersion.values()).containsOnly(600L);
        // a sign rule moves each bias by exactly u per step at most
        layers.values().forEach(s -> assertThat(Arrays.stream(s.bias).map(Math::abs)).hasSize(16)
                .allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(600 * 0.001 + 1e-9)));
    }
}
