package io.ballast.benchmarks;

import io.ballast.rules.Decision;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.facts.GpuHealthFact;
import io.ballast.rules.facts.NicPortFact;
import io.ballast.rules.facts.XidFact;
import io.ballast.rules.hardware.XidCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Drools evaluation per event with the built-in rule set, per session strategy and fact kind: one batch is what a
 * hardware function hands the engine for one event (the event's fact plus the node's recent notable facts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleEvaluationBenchmark {
    @Param({"FRESH", "STATELESS", "POOLED"})
    public String strategy;

    /** xid: a node's Xid burst; gpu: an ECC/NVLink batch; nic: one port sample with errors; quiet: a clean port. */
    @Param({"xid", "gpu", "nic", "quiet"})
    public String facts;

    private RuleEngine engine;
    private List<Object> batch;

    @Setup
    public void setUp() {
        engine = RuleEngine.compile(RuleSet.builtIn()).withStrategy(RuleEngine.SessionStrategy.valueOf(strategy));
        batch = batch(facts);
    }

    @Benchmark
    public List<Decision> evaluate() {
        return engine.evaluate(batch);
    }

    static List<Object> batch(String kind) {
        long ts = 1_760_000_000_000L;
        XidCatalog catalog = XidCatalog.builtIn();
        List<Object> out = new ArrayList<>();
        switch (kind) {
            case "xid" -> {
                out.add(XidFact.of("c1", "n1", 0, 79, ts, "GPU has fallen off the bus", catalog, 1));
                out.add(XidFact.of("c1", "n1", 1, 13, ts, "Graphics engine exception", catalog, 1));
                out.add(XidFact.of("c1", "n1", 2, 74, ts, "NVLink error", catalog, 3));
            }
            case "gpu" -> {
                for (int gpu = 0; gpu < 4; gpu++) {
                    GpuHealthFact g = new GpuHealthFact("c1", "n1", gpu, ts);
                    g.setSbeRatePerMin(gpu * 5.0);
                    g.setNvlinkErrorsPerMin(gpu == 3 ? 2.0 : 0.0);
                    g.setNvlinkMinutesSustained(gpu == 3 ? 6.0 : 0.0);
                    g.setDbeDelta(gpu == 2 ? 1 : 0);
                    out.add(g);
                }
            }
            case "nic", "quiet" -> {
                NicPortFact p = new NicPortFact();
                p.setCluster("c1");
                p.setNode("n1");
                p.setDevice("mlx5_3");
                p.setPort(1);
                p.setPlane(3);
                p.setSwitchName("leaf-7");
                p.setTs(ts);
                if (kind.equals("nic")) {
                    p.setSymbolErrorsPerMin(12);
                    p.setLinkErrorRecoveryDelta(1);
                }
                out.add(p);
            }
            default -> throw new IllegalArgumentException("unknown fact kind " + kind);
        }
        return out;
    }
}
