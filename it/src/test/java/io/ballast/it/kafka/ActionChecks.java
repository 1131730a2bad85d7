package io.ballast.it.kafka;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.DeadLetter;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What "no action lost, none duplicated" means, as checks over the records a consumer saw. */
public final class ActionChecks {
    private ActionChecks() {}

    /**
     * What makes one emission: the contract id for drains, rollbacks and bias updates; for alerts the id is the
     * Alertmanager fingerprint that firing, resolved and re-notifications share, so status and ts belong to the key.
     */
    public static String key(SpecificRecord action) {
        String id = action.getSchema().getName() + "/" + action.get(action.getSchema().getField("id").pos());
        return action instanceof Alert a ? id + "/" + a.getStatus() + "@" + a.getTs() : id;
    }

    public static long ts(SpecificRecord action) {
        return (Long) action.get(action.getSchema().getField("ts").pos());
    }

    public static List<SpecificRecord> actionsOnly(List<SpecificRecord> records) {
        return records.stream().filter(r -> !(r instanceof DeadLetter)).toList();
    }

    /** Emission keys seen more than once, with their counts. */
    public static Map<String, Long> duplicates(List<SpecificRecord> actions) {
        return actions.stream().collect(Collectors.groupingBy(ActionChecks::key, TreeMap::new, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Per (job, layer): the bias versions in the order published; contiguous means each is the previous plus one. */
    public static Map<String, List<Long>> biasVersions(List<SpecificRecord> actions) {
        Map<String, List<Long>> versions = new TreeMap<>();
        for (SpecificRecord r : actions) {
            if (r instanceof BiasUpdate b) {
                versions.computeIfAbsent(b.getJob() + "/" + b.getLayer(), k -> new ArrayList<>()).add(((Number) b.getVersion()).longValue());
            }
        }
        return versions;
    }

    /** (job, layer) keys whose versions have a gap or a repeat, with the versions. */
    public static Map<String, List<Long>> nonContiguousBias(List<SpecificRecord> actions) {
        Map<String, List<Long>> bad = new TreeMap<>();
        biasVersions(actions).forEach((key, versions) -> {
            List<Long> sorted = versions.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i) != sorted.get(i - 1) + 1) {
                    bad.put(key, sorted);
                    return;
                }
            }
        });
        return bad;
    }

    /**
     * Waits until every wanted action (by {@link #key}) has been committed; on timeout, fails naming how many are
     * missing and which, with what did arrive by type, so a failure says what was lost, not only that time ran out.
     */
    /**
     * Waits until at least one action of each type is committed; on a timeout fails naming what was committed by type,
     * the partitions an open transaction holds, and the actions in the log whether committed or not.
     */
    @SafeVarargs
    public static void awaitEachType(String alias, CommittedActions committed, Duration atMost, Class<? extends SpecificRecord>... types) {
        try {
            Awaitility.await(alias).atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        List<SpecificRecord> seen = committed.poll();
                        return java.util.Arrays.stream(types).allMatch(t -> seen.stream().anyMatch(t::isInstance));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("%s: not within %s (committed by type: %s); %s", alias, atMost,
                    byType(actionsOnly(committed.poll())), committed.uncommittedReport()), e);
        }
    }

    private static Map<String, Long> byType(List<SpecificRecord> actions) {
        return actions.stream().collect(Collectors.groupingBy(a -> a.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
    }

    public static void awaitAll(String alias, Set<String> wanted, CommittedActions committed, Duration atMost) {
        try {
            Awaitility.await(alias).atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> byKey(actionsOnly(committed.poll())).keySet().containsAll(wanted));
        } catch (ConditionTimeoutException e) {
            List<SpecificRecord> seen = actionsOnly(committed.poll());
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(byKey(seen).keySet());
            Set<String> inLog = new TreeSet<>();
            String report = committed.uncommittedReport();
            for (String key : missing) {
                if (report.contains(key)) {
                    inLog.add(key);
                }
            }
            throw new AssertionError(String.format("%s: %d of %d actions not committed within %s (committed by type: %s); missing, first 20: %s; "
                            + "of those, in the log but not committed: %s; %s",
                    alias, missing.size(), wanted.size(), atMost,
                    byType(seen),
                    missing.stream().limit(20).toList(), inLog, report.substring(0, report.indexOf("; records in the log"))), e);
        }
    }

    public static Map<String, SpecificRecord> byKey(List<SpecificRecord> actions) {
        return actions.stream().collect(Collectors.toMap(ActionChecks::key, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    /**
     * The failure-test verdict over everything committed so far: no action twice, bias versions without gaps, no
     * action the fault-free replay did not take, no dead letter. Returns the live actions.
     */
    public static List<SpecificRecord> assertLiveMatchesReplay(List<SpecificRecord> committed, List<SpecificRecord> replayed) {
        List<SpecificRecord> live = actionsOnly(committed);
        assertThat(duplicates(live)).as("actions committed twice").isEmpty();
        assertThat(nonContiguousBias(live)).as("bias versions with gaps").isEmpty();
        Map<String, SpecificRecord> reference = byKey(replayed);
        assertThat(live).as("no live action that the fault-free replay did not take")
                .allSatisfy(a -> assertThat(reference).containsKey(key(a)));
        assertThat(committed).as("no dead letters from a clean trace").noneMatch(a -> a instanceof DeadLetter);
        return live;
    }
}
