package io.ballast.cli;

import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.signing.RulesKey;
import io.ballast.rules.signing.SignedRuleSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RulesCommandTest {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    private static final String KEY = "cli-test-key-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void publishesASignedVersionedSetThatVerifiesWithTheKey() throws Exception {
        io.ballast.jobs.kafka.TopicAdmin.ensureTopics(KAFKA.bootstrapServers()); // what 'ballast topics' does
        Path rules = write(dir.resolve("rules"), RuleSet.builtIn().sources());
        Path keyFile = Files.writeString(dir.resolve("key"), KEY);
        StringWriter err = new StringWriter();
        assertThat(run(err, "rules", "publish", rules.toString(), "--kafka", KAFKA.bootstrapServers(), "--version", "v42",
                "--key-file", keyFile.toString())).as(err::toString).isZero();

        List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(published::add);
                return !published.isEmpty();
            });
        }
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("v42");
            RuleSet verified = SignedRuleSet.fromJson(r.value()).verified(RulesKey.of(KEY));
            assertThat(verified.version()).isEqualTo("v42");
            assertThat(verified.sources()).isEqualTo(RuleSet.builtIn().sources());
        });
    }

    @Test
    void aBrokenSetIsRefusedWithOneLineAndNotPublished() throws Exception {
        Path rules = write(dir.resolve("broken"), Map.of("team/bad.drl",
                "package x;\nglobal io.ballast.rules.engine.DecisionCollector out;\nrule \"r\" when Foo( then end\n"));
        StringWriter err = new StringWriter();
        int code = run(err, "rules", "publish", rules.toString(), "--kafka", "localhost:1", "--version", "bad");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("team/bad.drl line");
    }

    @Test
    void diffRefusesABrokenSetWithOneLine() throws Exception {
        Path good = write(dir.resolve("good"), RuleSet.builtIn().sources());
        Path broken = write(dir.resolve("broken"), Map.of("bad.drl", "rule"));
        StringWriter err = new StringWriter();
        int code = run(err, "diff", "--input", dir.resolve("t.jsonl").toString(), "--rules-a", good.toString(), "--rules-b", broken.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString().strip()).doesNotContain("\n").contains("bad.drl");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cli = Ballast.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static Path write(Path root, Map<String, String> sources) throws Exception {
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        return root;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "rules-cli-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(Topics.RULES));
        return c;
    }
}
