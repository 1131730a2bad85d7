package io.ballast.rules.engine;

import io.ballast.rules.Decision;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Compiles a {@link RuleSet} once and evaluates batches of facts into {@link Decision}s.
 * Compiled KieBases are cached per (content hash, classloader) for the JVM, so parallel Flink subtasks and test
 * classes share one build (a cold build costs ~2 s, stack.md §4). Thread-safe: each evaluation has its own session
 * (fresh, from a pool, or inside a stateless execution, see {@link SessionStrategy} and docs/rules.md).
 */
public final class RuleEngine {
    /** The global every DRL file declares: {@code global io.ballast.rules.engine.DecisionCollector out;}. */
    public static final String OUT_GLOBAL = "out";
    // A batch that fires this many rules is looping (a rule modifying facts it matches); fail rather than spin.
    private static final int MAX_FIRINGS_PER_BATCH = 100_000;
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final String SOURCE_ROOT = "src/main/resources/";
    private static final ConcurrentMap<String, KieBase> CACHE = new ConcurrentHashMap<>();

    /** How a batch gets its session; the JMH benchmark in benchmarks/ compares them (numbers in docs/rules.md). */
    public enum SessionStrategy {
        /** A new KieSession per batch, disposed after it. */
        FRESH,
        /** A StatelessKieSession executing one batch command (global, inserts, fire) per batch. */
        STATELESS,
        /** KieSessions from a pool: reset and reused on dispose, so no fact leaks into the next batch. */
        POOLED
    }

    /** The strategy {@link #compile} gives: the fastest safe one in the benchmark. */
    public static final SessionStrategy DEFAULT_STRATEGY = SessionStrategy.POOLED;
    private static final int POOL_SIZE = 4;

    private final RuleSet ruleSet;
    private final KieBase kieBase;
    private final SessionStrategy strategy;
    private volatile StatelessKieSession stateless;
    private volatile KieSessionsPool pool;

    private RuleEngine(RuleSet ruleSet, KieBase kieBase, SessionStrategy strategy) {
        this.ruleSet = ruleSet;
        this.kieBase = kieBase;
        this.strategy = strategy;
    }

    /** The same compiled rules evaluated with another session strategy (the benchmark compares them). */
    public RuleEngine withStrategy(SessionStrategy other) {
        return new RuleEngine(ruleSet, kieBase, other);
    }

    public SessionStrategy strategy() {
        return strategy;
    }

    /** Compiles (or reuses) the rule set with this module's classloader. */
    public static RuleEngine compile(RuleSet ruleSet) {
        return compile(ruleSet, RuleEngine.class.getClassLoader());
    }

    /**
     * Compiles (or reuses) the rule set; pass Flink's user-code classloader so fact classes resolve.
     *
     * @throws RuleSetException with a one-line message naming file and line when the DRL does not compile
     */
    public static RuleEngine compile(RuleSet ruleSet, ClassLoader classLoader) {
        String key = ruleSet.contentHash() + "@" + System.identityHashCode(classLoader);
        KieBase kieBase = CACHE.computeIfAbsent(key, k -> build(ruleSet, classLoader));
        return new RuleEngine(ruleSet, kieBase, DEFAULT_STRATEGY);
    }

    /**
     * Runs the rules over one batch of facts and returns the decisions in a stable order. The per-batch collector
     * global is never shared between batches or threads, and no fact leaks into the next batch.
     */
    public List<Decision> evaluate(Collection<?> facts) {
        DecisionCollector out = new DecisionCollector(ruleSet.version());
        int fired = switch (strategy) {
            case FRESH -> fireIn(kieBase.newKieSession(), facts, out);
            case POOLED -> fireIn(pool().newKieSession(), facts, out);
            case STATELESS -> fireStateless(facts, out);
        };
        if (fired >= MAX_FIRINGS_PER_BATCH) {
            throw new RuleSetException("rule set " + ruleSet.version() + " fired " + fired + " rules on a batch of "
                    + facts.size() + " facts: a rule is looping");
        }
        List<Decision> decisions = out.decisions();
        decisions.sort(Decision.ORDER);
        return decisions;
    }

    // dispose() of a pooled session resets it and hands it back to the pool.
    private static int fireIn(KieSession session, Collection<?> facts, DecisionCollector out) {
        try {
            session.setGlobal(OUT_GLOBAL, out);
            for (Object fact : facts) {
                session.insert(fact);
            }
            return session.fireAllRules(MAX_FIRINGS_PER_BATCH);
        } finally {
            session.dispose();
        }
    }

    private int fireStateless(Collection<?> facts, DecisionCollector out) {
        KieCommands commands = KieServices.Factory.get().getCommands();
        List<Command<?>> batch = List.of(commands.newSetGlobal(OUT_GLOBAL, out), commands.newInsertElements(facts),
                commands.newFireAllRules(MAX_FIRINGS_PER_BATCH));
        statelessSession().execute(commands.newBatchExecution(batch));
        // A stateless batch does not report its firing count; the collector's size bounds it from below.
        return out.decisions().size();
    }

    private KieSessionsPool pool() {
        KieSessionsPool p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = kieBase.newKieSessionsPool(POOL_SIZE);
                }
                p = pool;
            }
        }
        return p;
    }

    private StatelessKieSession statelessSession() {
        StatelessKieSession s = stateless;
        if (s == null) {
            synchronized (this) {
                if (stateless == null) {
                    stateless = kieBase.newStatelessKieSession();
                }
                s = stateless;
            }
        }
        return s;
    }

    public String version() {
        return ruleSet.version();
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** Drops every cached KieBase (e.g. when a Flink job's classloader goes away). */
    public static void clearCache() {
        CACHE.clear();
    }

    private static KieBase build(RuleSet ruleSet, ClassLoader classLoader) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A release id per content keeps concurrent builds of different rule sets apart in the KieRepository.
        ReleaseId releaseId = ks.newReleaseId("io.ballast.rules.generated", "ruleset-"
                + ruleSet.contentHash().substring(0, 16), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> nameByPath = new HashMap<>();
        ruleSet.sources().forEach((name, drl) -> {
            String path = kiePath(name, drl, nameByPath.size() / 2);
            nameByPath.put(path, name);
            // Builder messages name the resource path without the Maven source folder.
            nameByPath.put(path.substring(SOURCE_ROOT.length()), name);
            kfs.write(path, ks.getResources().newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                    .setResourceType(ResourceType.DRL).setSourcePath(path));
        });
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs, classLoader).buildAll();
        } catch (RuntimeException e) {
            throw new RuleSetException("rule set " + ruleSet.version() + " does not compile: " + oneLine(e.toString()),
                    e);
        }
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleSetException(describe(ruleSet, errors, nameByPath));
        }
        KieBase kieBase = ks.newKieContainer(releaseId, classLoader).getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        requireOutGlobal(ruleSet, kieBase);
        return kieBase;
    }

    private static void requireOutGlobal(RuleSet ruleSet, KieBase kieBase) {
        KieSession probe = kieBase.newKieSession();
        try {
            probe.setGlobal(OUT_GLOBAL, new DecisionCollector(ruleSet.version()));
        } catch (RuntimeException e) {
            throw new RuleSetException("rule set " + ruleSet.version() + " must declare 'global "
                    + DecisionCollector.class.getName() + " " + OUT_GLOBAL + ";'", e);
        } finally {
            probe.dispose();
        }
    }

    // Drools warns when a DRL's folder does not match its package, so file it under its package's folder.
    private static String kiePath(String name, String drl, int index) {
        Matcher m = PACKAGE.matcher(drl);
        String folder = m.find() ? m.group(1).replace('.', '/') : "rules";
        String file = name.substring(name.lastIndexOf('/') + 1);
        return SOURCE_ROOT + folder + "/" + index + "_" + file;
    }

    private static String describe(RuleSet ruleSet, List<Message> errors, Map<String, String> nameByPath) {
        Message first = errors.get(0);
        String file = nameByPath.getOrDefault(first.getPath(), first.getPath());
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "";
        return "rule set " + ruleSet.version() + " does not compile: " + file + " line " + first.getLine() + ": "
                + oneLine(first.getText()) + more;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
