package io.ballast.cli;

import io.ballast.embedded.WebhookReceiver;
import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;
import io.ballast.sim.FaultOutcome;
import io.ballast.sim.InjectedFault;
import io.ballast.sim.OutcomeMatcher;

import org.apache.avro.specific.SpecificRecord;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the demo prints: each action and webhook delivery as it happens, then the fault table. Thread-safe. */
final class DemoConsole {
    /** Bias updates come every step for every layer: print one in this many per (job, layer). */
    static final int BIAS_EVERY = 20;
    private static final Pattern ALERT_COUNT = Pattern.compile("\"status\":\"(firing|resolved)\",\"labels\"");

    private final PrintWriter out;
    private final long start;
    private final List<InjectedFault> faults;
    private final List<SpecificRecord> actions = new ArrayList<>();
    private final Map<SpecificRecord, Long> arrivals = new IdentityHashMap<>();
    private final Map<String, Long> biasSeen = new HashMap<>();

    DemoConsole(PrintWriter out, long start, List<InjectedFault> faults) {
        this.out = out;
        this.start = start;
        this.faults = faults;
    }

    synchronized void action(SpecificRecord a) {
        long now = System.currentTimeMillis();
        actions.add(a);
        arrivals.put(a, now);
        if (a instanceof BiasUpdate b) {
            long n = biasSeen.merge(b.getJob() + "/" + b.getLayer(), 1L, Long::sum);
            if (n % BIAS_EVERY == 1) {
                line(now, "BIAS", String.format("%s layer %d v%d: MaxVio %.2f, bias range [%.3f, %.3f]", b.getJob(), b.getLayer(), b.getVersion(),
                        b.getMaxVio(), b.getBias().stream().mapToDouble(Double::doubleValue).min().orElse(0),
                        b.getBias().stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            }
        } else if (a instanceof Drain d) {
            line(now, "DRAIN", d.getNode() + ": " + d.getReason() + "  [rule: " + d.getRule() + "]");
        } else if (a instanceof Rollback r) {
            line(now, "ROLLBACK", r.getJob() + " to step " + r.getTargetStep() + " (" + r.getTargetUri() + "), skip data steps "
                    + r.getSkipFromStep() + ".." + r.getSkipToStep() + ", suspects " + r.getSuspectNodes());
        } else if (a instanceof Alert al) {
            line(now, "ALERT", al.getSeverity() + " " + al.getStatus() + " " + al.getName() + ": " + al.getSummary());
        }
    }

    void webhook(WebhookReceiver.Request r) {
        Matcher m = ALERT_COUNT.matcher(r.body());
        int n = 0;
        while (m.find()) {
            n++;
        }
        synchronized (this) {
            line(System.currentTimeMillis(), "WEBHOOK", r.method() + " " + r.path() + " (Alertmanager v4): " + n + " alert" + (n == 1 ? "" : "s"));
        }
    }

    synchronized int actionCount() {
        return actions.size();
    }

    synchronized void summary() {
        List<FaultOutcome> outcomes = OutcomeMatcher.match(faults, actions);
        out.println();
        out.println("Faults injected, detected and acted on (times from the start of the demo):");
        out.printf("  %-4s %-24s %-9s %-9s %-7s %s%n", "ok", "fault", "injected", "on Kafka", "after", "what Ballast did");
        int met = 0;
        for (FaultOutcome o : outcomes) {
            met += o.met() ? 1 : 0;
            Long arrival = o.matched().stream().map(arrivals::get).filter(t -> t != null).min(Long::compare).orElse(null);
            String did = !o.actions().isEmpty() ? String.join("; ", o.actions())
                    : o.met() ? "nothing, as expected (" + o.fault().expected() + ")" : String.join("; ", o.problems());
            out.printf("  %-4s %-24s %-9s %-9s %-7s %s%n", o.met() ? "yes" : "NO", o.fault().id(), clock(o.fault().injectedAt()),
                    arrival == null ? "-" : clock(arrival), arrival == null ? "-" : String.format("%.1fs", (arrival - o.fault().injectedAt()) / 1000.0), did);
            if (!o.met() && !o.actions().isEmpty()) {
                out.printf("  %-4s %-24s %s%n", "", "", String.join("; ", o.problems()));
            }
        }
        long drains = actions.stream().filter(a -> a instanceof Drain).count();
        long alerts = actions.stream().filter(a -> a instanceof Alert).count();
        long bias = actions.stream().filter(a -> a instanceof BiasUpdate).count();
        long rollbacks = actions.stream().filter(a -> a instanceof Rollback).count();
        out.printf("%n%d of %d faults handled as expected; %d drains, %d rollbacks, %d alerts, %d bias updates.%n",
                met, outcomes.size(), drains, rollbacks, alerts, bias);
        out.flush();
    }

    private void line(long now, String kind, String text) {
        out.printf("[%s] %-8s %s%n", clock(now), kind, text);
        out.flush();
    }

    private String clock(long ts) {
        long s = Math.max(0, (ts - start) / 1000);
        return String.format("+%02d:%02d", s / 60, s % 60);
    }
}
