package io.ballast.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When each scripted fault happens, as a fraction of the run's duration (or a fixed offset from its start).
 * The default script fits all faults into any run of two minutes or more.
 */
public record FaultScript(List<ScriptedFault> faults) {

    /** One fault: {@code offset} when set, else {@code fraction} of the run's duration after its start. */
    public record ScriptedFault(FaultKind kind, double fraction, Duration offset) {
        public ScriptedFault {
            if (kind == null) {
                throw new IllegalArgumentException("ScriptedFault: kind is required");
            }
            if (offset == null && (fraction < 0 || fraction >= 1)) {
                throw new IllegalArgumentException("ScriptedFault " + kind + ": fraction must be in [0, 1), got " + fraction);
            }
        }

        public static ScriptedFault at(FaultKind kind, double fraction) {
            return new ScriptedFault(kind, fraction, null);
        }

        public static ScriptedFault after(FaultKind kind, Duration offset) {
            return new ScriptedFault(kind, 0, offset);
        }

        long atTs(SimConfig config) {
            long delta = offset != null ? offset.toMillis() : (long) (fraction * config.duration().toMillis());
            return config.startTs() + delta;
        }
    }

    public FaultScript {
        faults = List.copyOf(faults);
    }

    /**
     * All eight faults. The failed checkpoint comes just before the SDC failure, so the newest checkpoint before the
     * trouble is the failed one: a rollback must skip it.
     */
    public static FaultScript defaults() {
        return new FaultScript(List.of(
                ScriptedFault.at(FaultKind.HOT_EXPERT, 0.10),
                ScriptedFault.at(FaultKind.XID_79, 0.15),
                ScriptedFault.at(FaultKind.ECC_DBE_REMAP_FAILURE, 0.25),
                ScriptedFault.at(FaultKind.APP_XID, 0.35),
                ScriptedFault.at(FaultKind.LEAF_SWITCH, 0.45),
                ScriptedFault.at(FaultKind.NODE_REBOOT, 0.60),
                ScriptedFault.at(FaultKind.FAILED_CHECKPOINT, 0.75),
                ScriptedFault.at(FaultKind.SDC_LOSS_SPIKE, 0.86)));
    }

    public static FaultScript none() {
        return new FaultScript(List.of());
    }

    public static FaultScript of(ScriptedFault... faults) {
        return new FaultScript(List.of(faults));
    }

    /** The same script keeping only faults of the given kinds. */
    public FaultScript only(FaultKind... kinds) {
        Set<FaultKind> keep = EnumSet.noneOf(FaultKind.class);
        keep.addAll(Arrays.asList(kinds));
        return new FaultScript(faults.stream().filter(f -> keep.contains(f.kind())).toList());
    }

    /** The same script without faults of the given kinds. */
    public FaultScript without(FaultKind... kinds) {
        Set<FaultKind> drop = EnumSet.noneOf(FaultKind.class);
        drop.addAll(Arrays.asList(kinds));
        return new FaultScript(faults.stream().filter(f -> !drop.contains(f.kind())).toList());
    }
}
