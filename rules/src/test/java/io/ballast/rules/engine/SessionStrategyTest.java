package io.ballast.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.rules.Decision;
import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.hardware.XidCatalog;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionStrategyTest {
    private static final RuleEngine FRESH = RuleEngine.compile(RuleSet.builtIn()).withStrategy(RuleEngine.SessionStrategy.FRESH);
    private static final XidCatalog CATALOG = XidCatalog.builtIn();

    @ParameterizedTest
    @EnumSource(RuleEngine.SessionStrategy.class)
    void everyStrategyDecidesLikeAFreshSession(RuleEngine.SessionStrategy strategy) {
        RuleEngine engine = FRESH.withStrategy(strategy);
        assertThat(engine.evaluate(batch())).hasSizeGreaterThan(2).isEqualTo(FRESH.evaluate(batch()));
    }

    @ParameterizedTest
    @EnumSource(RuleEngine.SessionStrategy.class)
    void noFactLeaksIntoTheNextBatch(RuleEngine.SessionStrategy strategy) {
        RuleEngine engine = FRESH.withStrategy(strategy);
        engine.evaluate(batch());
        assertThat(engine.evaluate(List.of(new GpuHealthFact("c1", "healthy", 0, 5_000L)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RuleEngine.SessionStrategy.class)
    void concurrentBatchesDoNotMix(RuleEngine.SessionStrategy strategy) throws Exception {
        RuleEngine engine = FRESH.withStrategy(strategy);
        List<Decision> expected = FRESH.evaluate(batch());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Decision>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> engine.evaluate(batch())));
            }
            for (Future<List<Decision>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> batch() {
        GpuHealthFact gpu = new GpuHealthFact("c1", "n2", 3, 2_000L);
        gpu.setDbeDelta(1);
        gpu.setRemapPending(true);
        return List.of(XidFact.of("c1", "n1", 0, 79, 1_000L, "m", CATALOG, 1),
                XidFact.of("c1", "n1", 1, 13, 1_000L, "m", CATALOG, 1), gpu);
    }
}
