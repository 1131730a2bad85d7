package io.ballast.jobs.config;

import io.ballast.logic.moe.MoeConfig;
import io.ballast.logic.stability.StabilityConfig;
import io.ballast.rules.facts.Clusters;
import io.ballast.rules.hardware.DrainGuard;
import io.ballast.rules.hardware.SwitchCorrelator;

import org.apache.flink.configuration.Configuration;

/** Turns the Flink configuration into the typed settings of each piece of pure logic. */
public final class Configs {
    private Configs() {}

    public static MoeConfig moe(Configuration conf) {
        MoeConfig d = MoeConfig.defaults();
        return new MoeConfig(conf.get(BallastOptions.MOE_UPDATE_RATE), conf.get(BallastOptions.MOE_FREEZE_FROM_STEP), d.freezeFromTokens(),
                conf.get(BallastOptions.MOE_AGGREGATION_TIMEOUT).toMillis(), d.maxVioWindow(), d.deadExpertSteps(), d.warmupSteps(),
                d.maxVioThreshold(), d.starvationSteps(), d.starvationLoadFraction(), d.oscillationWindow(), d.oscillationFlipFraction(),
                d.oscillationExpertFraction(), d.oscillationMaxVioFloor(), d.maxHostOffset(), d.hostQuietMs());
    }

    public static DrainGuard.Config guard(Configuration conf) {
        return new DrainGuard.Config(conf.get(BallastOptions.GUARD_MAX_DRAINS), conf.get(BallastOptions.GUARD_WINDOW).toMillis(),
                conf.get(BallastOptions.GUARD_MAX_FLEET_FRACTION), conf.get(BallastOptions.GUARD_HOLD).toMillis(),
                conf.get(BallastOptions.GUARD_FLEET_SIZE));
    }

    public static SwitchCorrelator.Config correlator(Configuration conf) {
        long window = conf.get(BallastOptions.NIC_CORRELATION_WINDOW).toMillis();
        return new SwitchCorrelator.Config(window, conf.get(BallastOptions.NIC_SWITCH_NODES), SwitchCorrelator.Config.DEFAULTS.singlePortSettleMs());
    }

    public static StabilityConfig stability(Configuration conf) {
        return StabilityConfig.defaults();
    }

    /** Records without a cluster belong to the configured default. */
    public static String cluster(String recordCluster) {
        return Clusters.orDefault(recordCluster);
    }
}
