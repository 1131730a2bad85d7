package io.ballast.sim;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the pipeline's actions against the simulator's expectations for each injected fault; used by the
 * demo's closing table and by the end-to-end tests, so both judge the same way.
 */
public final class OutcomeMatcher {
    private OutcomeMatcher() {}

    public static List<FaultOutcome> match(List<InjectedFault> faults, List<? extends SpecificRecord> actions) {
        List<FaultOutcome> outcomes = new ArrayList<>();
        for (InjectedFault fault : faults) {
            List<String> done = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<SpecificRecord> matchedActions = new ArrayList<>();
            Long detected = null;
            for (Expectation e : fault.expectations()) {
                List<SpecificRecord> matching = actions.stream().filter(a -> matches(e, a, fault)).map(a -> (SpecificRecord) a).toList();
                boolean positive = switch (e.kind()) {
                    case DRAIN, SWITCH_ALERT, ROLLBACK, BIAS_LOWERED -> true;
                    default -> false;
                };
                if (positive && matching.isEmpty()) {
                    problems.add("missing: " + e.describe());
                } else if (!positive && !matching.isEmpty()) {
                    problems.add("unexpected: " + describe(matching.get(0)));
                }
                if (positive) {
                    matchedActions.addAll(matching);
                    for (SpecificRecord a : matching) {
                        long ts = tsOf(a);
                        if (ts >= fault.injectedAt() && (detected == null || ts < detected)) {
                            detected = ts;
                        }
                    }
                    if (!matching.isEmpty()) {
                        done.add(describe(matching.get(0)));
                    }
                }
            }
            outcomes.add(new FaultOutcome(fault, problems.isEmpty(), detected, done, problems, matchedActions));
        }
        return outcomes;
    }

    static boolean matches(Expectation e, SpecificRecord a, InjectedFault fault) {
        return switch (e.kind()) {
            case DRAIN, NO_DRAIN -> a instanceof Drain d && d.getNode().equals(e.node());
            case SILENT -> (a instanceof Drain d && d.getNode().equals(e.node()))
                    || (a instanceof Alert al && "firing".equals(al.getStatus()) && e.node().equals(al.getLabels().get("node"))
                            && !"info".equals(al.getSeverity()));
            case SWITCH_ALERT -> a instanceof Alert al && "switch_incident".equals(al.getName()) && "firing".equals(al.getStatus())
                    && Objects.equals(e.switchName(), al.getLabels().get("switch"))
                    && Objects.equals(String.valueOf(e.plane()), al.getLabels().get("plane"));
            case ROLLBACK -> a instanceof Rollback r && r.getJob().equals(e.job()) && Objects.equals(e.step(), r.getTargetStep());
            case NOT_ROLLBACK_TARGET -> a instanceof Rollback r && r.getJob().equals(e.job()) && Objects.equals(e.step(), r.getTargetStep());
            case BIAS_LOWERED -> a instanceof BiasUpdate b && b.getJob().equals(e.job()) && b.getLayer() == e.layer()
                    && b.getTs() >= fault.injectedAt() && pushedDown(b, e.expert());
        };
    }

    /**
     * The controller is pushing load off the expert: its bias sits below the layer mean by at least ten net
     * update steps. (Not "lowest of all": other experts the router prefers anyway may sit lower.)
     */
    private static boolean pushedDown(BiasUpdate b, int expert) {
        List<Double> bias = b.getBias();
        if (expert >= bias.size() || b.getUpdateRate() <= 0) {
            return false;
        }
        double mean = bias.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return bias.get(expert) <= mean - 10 * b.getUpdateRate();
    }

    public static String describe(SpecificRecord a) {
        if (a instanceof Drain d) {
            return "drain " + d.getNode() + " (" + d.getReason() + ")";
        }
        if (a instanceof Rollback r) {
            return "rollback " + r.getJob() + " to step " + r.getTargetStep() + ", skip " + r.getSkipFromStep() + ".." + r.getSkipToStep()
                    + ", suspects " + r.getSuspectNodes();
        }
        if (a instanceof BiasUpdate b) {
            return "bias " + b.getJob() + " layer " + b.getLayer() + " v" + b.getVersion() + " (MaxVio " + String.format("%.2f", b.getMaxVio()) + ")";
        }
        if (a instanceof Alert al) {
            Map<String, String> l = al.getLabels();
            return al.getSeverity() + " alert " + al.getName() + " " + al.getStatus()
                    + (l.containsKey("node") ? " " + l.get("node") : "") + (l.containsKey("switch") ? " " + l.get("switch") + " plane " + l.get("plane") : "");
        }
        return a.getClass().getSimpleName();
    }

    static long tsOf(SpecificRecord a) {
        return (Long) a.get(a.getSchema().getField("ts").pos());
    }
}
