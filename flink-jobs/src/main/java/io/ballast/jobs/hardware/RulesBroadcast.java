package io.ballast.jobs.hardware;

import io.ballast.rules.signing.SignedRuleSet;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The broadcast state every hardware function reads its rules from: one entry, the current verified set. */
public final class RulesBroadcast {
    /** The only key: the newest accepted set replaces the previous one. */
    public static final String CURRENT = "current";
    public static final TypeInformation<SignedRuleSet> TYPE = TypeInformation.of(SignedRuleSet.class);
    public static final MapStateDescriptor<String, SignedRuleSet> STATE =
            new MapStateDescriptor<>("hardware-rules", BasicTypeInfo.STRING_TYPE_INFO, TYPE);

    private RulesBroadcast() {}
}
