package io.ballast.jobs.config;

import io.ballast.logic.moe.MoeConfig;

import org.apache.flink.configuration.Configuration;

/** Turns the Flink configuration into the typed settings of each piece of pure logic. */
public final class Configs {
    private Configs() {}

    public static MoeConfig moe(Configuration conf) {
        MoeConfig d = MoeConfig.defaults();
        return new MoeConfig(conf.get(BallastOptions.MOE_UPDATE_RATE), conf.get(BallastOptions.MOE_FREEZE_FROM_STEP), d.freezeFromTokens(),
                conf.get(BallastOptions.MOE_AGGREGATION_TIMEOUT).toMillis(), d.maxVioWindow(), d.deadExpertSteps(), d.warmupSteps(),
                d.maxVioThreshold(), d.starvationSteps(), d.starvationLoadFraction(), d.oscillationWindow(), d.oscillationFlipFraction(),
                d.oscillationExpertFraction(), d.oscillationMaxVioFloor(), d.maxHostOffset());
    }

    /** Records without a cluster belong to the configured default. */
    public static String cluster(String recordCluster) {
        return recordCluster == null ? "default" : recordCluster;
    }
}
