package io.ballast.rules.signing;

import io.ballast.rules.engine.RuleSet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a canonical serialisation of a rule set: the version, then every file name and content in name
 * order, each length-prefixed so no two different sets serialise to the same bytes.
 */
public final class RuleSetSignature {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOMAIN = "ballast-rules-v1".getBytes(StandardCharsets.UTF_8);

    private RuleSetSignature() {}

    /** Hex HMAC of the rule set under {@code key}. */
    public static String sign(RuleSet ruleSet, RulesKey key) {
        return HexFormat.of().formatHex(mac(ruleSet, key));
    }

    /** True when {@code signatureHex} is the rule set's HMAC under {@code key}; compared in constant time. */
    public static boolean verify(RuleSet ruleSet, String signatureHex, RulesKey key) {
        if (signatureHex == null || signatureHex.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(ruleSet, key), given);
    }

    /** The bytes that are signed: domain tag, version, then (name, content) pairs in name order. */
    static byte[] canonical(RuleSet ruleSet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, DOMAIN);
        field(out, ruleSet.version().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> file : ruleSet.sources().entrySet()) {
            field(out, file.getKey().getBytes(StandardCharsets.UTF_8));
            field(out, file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] mac(RuleSet ruleSet, RulesKey key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            return mac.doFinal(canonical(ruleSet));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
