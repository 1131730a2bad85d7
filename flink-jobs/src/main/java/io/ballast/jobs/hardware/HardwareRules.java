package io.ballast.jobs.hardware;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;

/**
 * Loads and compiles the rule sets a job runs: the static set ({@code ballast.rules.dir}, else the built-in rules)
 * and the sets published on {@code ballast.rules}. Every compile of the JVM goes through here.
 */
public final class HardwareRules {
    private HardwareRules() {}

    /** The static rule set of the job: what it runs until a published set arrives, and all replay runs. */
    public static RuleEngine load(Configuration conf) {
        ClassLoader classLoader = RuleEngine.class.getClassLoader();
        String dir = conf.getOptional(BallastOptions.RULES_DIR).orElse(null);
        return compile(dir == null ? RuleSet.builtIn(classLoader) : RuleSet.fromDirectory(Path.of(dir)));
    }

    /**
     * Synchronized: Drools' MVEL analysis is not safe when several operators of one JVM compile at once
     * (seen as "class not found: java.lang.Object$plane"); the engine caches by content hash, so later calls for
     * the same rules are cheap and a published set compiles once per JVM, not once per operator.
     *
     * @throws io.ballast.rules.engine.RuleSetException when the set does not compile
     */
    public static synchronized RuleEngine compile(RuleSet rules) {
        // The loader that holds Drools and the fact classes: the job jar's on a cluster, the application's in a
        // MiniCluster. Each MiniCluster job gets a new wrapper loader; compiling per wrapper would rebuild (and
        // Drools 10 fails to re-analyse declared types in a second build of the same rules).
        return RuleEngine.compile(rules, RuleEngine.class.getClassLoader());
    }
}
