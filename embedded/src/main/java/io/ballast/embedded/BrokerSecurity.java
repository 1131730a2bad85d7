package io.ballast.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link KafkaBrokerProcess} lets clients in: {@link #plaintext()}, or a SASL_SSL listener whose users
 * authenticate with SCRAM-SHA-512 (the first user also serves the broker's own inter-broker connections).
 */
public record BrokerSecurity(SelfSignedTls tls, List<ScramUser> users) {
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** A SCRAM user; the password never appears in {@link #toString()}. */
    public record ScramUser(String name, String password) {
        public ScramUser {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "ScramUser[name=" + name + ", password=[hidden]]";
        }
    }

    public BrokerSecurity {
        users = List.copyOf(users);
        if ((tls == null) != users.isEmpty()) {
            throw new IllegalArgumentException("SASL_SSL needs both a certificate and at least one SCRAM user");
        }
    }

    public static BrokerSecurity plaintext() {
        return new BrokerSecurity(null, List.of());
    }

    public static BrokerSecurity saslSsl(SelfSignedTls tls, ScramUser admin, ScramUser... others) {
        List<ScramUser> all = new ArrayList<>(List.of(admin));
        all.addAll(List.of(others));
        return new BrokerSecurity(tls, all);
    }

    public boolean isSaslSsl() {
        return tls != null;
    }

    public String protocol() {
        return isSaslSsl() ? "SASL_SSL" : "PLAINTEXT";
    }

    /** Kafka client properties for {@code user} (SCRAM over TLS, trusting the broker's certificate); empty for PLAINTEXT. */
    public Map<String, String> clientProperties(ScramUser user) {
        if (!isSaslSsl()) {
            return Map.of();
        }
        return Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", jaas(user),
                "ssl.truststore.location", tls.truststore().toString(),
                "ssl.truststore.password", tls.password(),
                "ssl.truststore.type", "PKCS12");
    }

    static String jaas(ScramUser user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.name()
                + "\" password=\"" + user.password() + "\";";
    }
}
