package io.ballast.rules.facts;

/** The contract's rule for the optional cluster field: absent means "default". */
public final class Clusters {
    public static final String DEFAULT = "default";

    private Clusters() {}

    public static String orDefault(String cluster) {
        return cluster == null || cluster.isBlank() ? DEFAULT : cluster;
    }

    /** The inverse, for records the pipeline emits: the default cluster is left out (null). */
    public static String forRecord(String cluster) {
        return DEFAULT.equals(orDefault(cluster)) ? null : cluster;
    }
}
