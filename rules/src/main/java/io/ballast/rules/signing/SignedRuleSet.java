package io.ballast.rules.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.engine.RuleSetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule set as published on {@code ballast.rules}: version, DRL files by name and the HMAC signature, as JSON
 * {@code {"version":..,"files":{name:drl},"signature":hex}}. A Flink POJO, so it can live in broadcast state.
 */
public class SignedRuleSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String version;
    private Map<String, String> files = new TreeMap<>();
    private String signature;

    public SignedRuleSet() {}

    public SignedRuleSet(String version, Map<String, String> files, String signature) {
        this.version = version;
        this.files = new TreeMap<>(files);
        this.signature = signature;
    }

    /** Signs {@code ruleSet} (its explicit or content version) with {@code key}. */
    public static SignedRuleSet sign(RuleSet ruleSet, RulesKey key) {
        return new SignedRuleSet(ruleSet.version(), ruleSet.sources(), RuleSetSignature.sign(ruleSet, key));
    }

    /**
     * The rule set, if the signature is valid under {@code key}.
     *
     * @throws RuleSetException naming the version when it is unsigned, badly signed or empty
     */
    public RuleSet verified(RulesKey key) {
        RuleSet set = ruleSet();
        if (signature == null || signature.isBlank()) {
            throw new RuleSetException("rule set " + version + " is not signed");
        }
        if (!RuleSetSignature.verify(set, signature, key)) {
            throw new RuleSetException("rule set " + version + " has a bad signature (not signed with the configured rules key)");
        }
        return set;
    }

    /** The rule set as published, without checking the signature. */
    public RuleSet ruleSet() {
        if (version == null || version.isBlank()) {
            throw new RuleSetException("published rule set has no version");
        }
        return RuleSet.of(files == null ? Map.of() : files, version);
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        ObjectNode f = root.putObject("files");
        files.forEach(f::put);
        root.put("signature", signature);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise rule set " + version, e);
        }
    }

    /** @throws RuleSetException when the bytes are not a published rule set */
    public static SignedRuleSet fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RuleSetException("published rule set is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RuleSetException("published rule set is unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("files").isObject() || !root.path("version").isTextual()) {
            throw new RuleSetException("published rule set needs a text 'version' and a 'files' object: "
                    + preview(bytes));
        }
        Map<String, String> files = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new RuleSetException("published rule set " + root.path("version").asText() + ": file " + e.getKey()
                        + " is not text");
            }
            files.put(e.getKey(), e.getValue().asText());
        }
        JsonNode sig = root.path("signature");
        return new SignedRuleSet(root.path("version").asText(), files, sig.isTextual() ? sig.asText() : null);
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public Map<String, String> getFiles() { return files; }
    public void setFiles(Map<String, String> files) { this.files = files; }
    public String getSignature() { return signature; }
    public void setSignature(String signature) { this.signature = signature; }

    @Override
    public String toString() {
        return "SignedRuleSet{" + version + ", files=" + (files == null ? "[]" : files.keySet()) + "}";
    }
}
