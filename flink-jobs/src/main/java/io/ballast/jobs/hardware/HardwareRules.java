package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;

/** Loads the rule set a job runs: the directory named by {@code ballast.rules.dir}, else the built-in rules. */
public final class HardwareRules {
    private HardwareRules() {}

    /**
     * Synchronized: Drools' MVEL analysis is not safe when several operators of one JVM compile at once
     * (seen as "class not found: java.lang.Object$plane"); the engine caches the result, so later calls are cheap.
     */
    public static synchronized RuleEngine load(Configuration conf) {
        // The loader that holds Drools and the fact classes: the job jar's on a cluster, the application's in a
        // MiniCluster. Each MiniCluster job gets a new wrapper loader; compiling per wrapper would rebuild (and
        // Drools 10 fails to re-analyse declared types in a second build of the same rules).
        ClassLoader classLoader = RuleEngine.class.getClassLoader();
        String dir = conf.getOptional(BallastOptions.RULES_DIR).orElse(null);
        RuleSet rules = dir == null ? RuleSet.builtIn(classLoader) : RuleSet.fromDirectory(Path.of(dir));
        return RuleEngine.compile(rules, classLoader);
    }
}
