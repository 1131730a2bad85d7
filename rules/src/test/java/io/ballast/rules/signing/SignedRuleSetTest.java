package io.ballast.rules.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.engine.RuleSetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedRuleSetTest {
    private static final RulesKey KEY = RulesKey.of("0123456789abcdef-test-key");
    private static final RulesKey OTHER = RulesKey.of("fedcba9876543210-other-key");
    private static final RuleSet SET = RuleSet.of(Map.of("a.drl", "rule A", "b/b.drl", "rule B"), "v1");

    @Test
    void aSignedSetVerifiesAfterAJsonRoundTrip() {
        SignedRuleSet back = SignedRuleSet.fromJson(SignedRuleSet.sign(SET, KEY).toJson());
        RuleSet verified = back.verified(KEY);
        assertThat(verified.version()).isEqualTo("v1");
        assertThat(verified.sources()).isEqualTo(SET.sources());
    }

    @Test
    void rejectsASetSignedWithAnotherKey() {
        SignedRuleSet signed = SignedRuleSet.sign(SET, OTHER);
        assertThatThrownBy(() -> signed.verified(KEY)).isInstanceOf(RuleSetException.class)
                .hasMessageContaining("v1").hasMessageContaining("bad signature");
    }

    @Test
    void rejectsAnUnsignedSet() {
        SignedRuleSet unsigned = new SignedRuleSet("v1", SET.sources(), null);
        assertThatThrownBy(() -> SignedRuleSet.fromJson(unsigned.toJson()).verified(KEY))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("not signed");
    }

    @Test
    void rejectsATamperedFileOrVersion() {
        SignedRuleSet signed = SignedRuleSet.sign(SET, KEY);
        Map<String, String> changed = new TreeMap<>(SET.sources());
        changed.put("a.drl", "rule A drains everything");
        assertThatThrownBy(() -> new SignedRuleSet("v1", changed, signed.getSignature()).verified(KEY))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> new SignedRuleSet("v2", SET.sources(), signed.getSignature()).verified(KEY))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> new SignedRuleSet("v1", SET.sources(), "not-hex").verified(KEY))
                .hasMessageContaining("bad signature");
    }

    @Test
    void canonicalFormSeparatesNameFromContent() {
        RuleSet one = RuleSet.of(Map.of("ab", "c"), "v");
        RuleSet two = RuleSet.of(Map.of("a", "bc"), "v");
        assertThat(RuleSetSignature.canonical(one)).isNotEqualTo(RuleSetSignature.canonical(two));
        assertThat(RuleSetSignature.sign(one, KEY)).isNotEqualTo(RuleSetSignature.sign(two, KEY));
    }

    @Test
    void garbageOnTheTopicIsARuleSetError() {
        assertThatThrownBy(() -> SignedRuleSet.fromJson("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SignedRuleSet.fromJson("{\"version\":\"v\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("'files'");
    }

    @Test
    void keyComesFromAFileAndNeverPrints(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.key");
        Files.writeString(file, "0123456789abcdef-test-key\n");
        RulesKey key = RulesKey.resolve(file.toString()).orElseThrow();
        assertThat(SignedRuleSet.sign(SET, key).verified(KEY).version()).isEqualTo("v1");
        assertThat(key.toString()).doesNotContain("0123");
        assertThatThrownBy(() -> RulesKey.of("short")).hasMessageContaining("too short")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short\""));
    }
}
