package io.ballast.cli;

import io.ballast.contract.Topics;
import io.ballast.embedded.BrokerSecurity;
import io.ballast.embedded.BrokerSecurity.ScramUser;
import io.ballast.embedded.KafkaBrokerProcess;
import io.ballast.embedded.SelfSignedTls;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ballast topics} connects with the job's client properties file: here SCRAM-SHA-512 over TLS. */
class TopicsCommandTest {
    static final ScramUser ADMIN = new ScramUser("ballast", "topics-" + java.util.UUID.randomUUID());

    @TempDir
    static Path dir;
    static KafkaBrokerProcess broker;

    @BeforeAll
    static void startScramBroker() {
        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), BrokerSecurity.saslSsl(SelfSignedTls.generate(dir.resolve("tls")), ADMIN));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsTopicsWithTheCredentialsOfThePropertiesFile() throws Exception {
        CliTest.Run r = CliTest.run("topics", "--kafka", broker.bootstrapServers(),
                "--set", "ballast.kafka.properties-file=" + clientFile("good.properties", ADMIN));
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        List<String> all = Topics.ALL.stream().map(Topics.TopicSpec::name).toList();
        assertThat(r.out()).startsWith("created ").contains(all);
        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            // The broker's metadata cache catches up with the controller a moment after the creations.
            await("the created topics listed").atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().containsAll(all));
        }
    }

    @Test
    void aWrongPasswordInThePropertiesFileFailsWithAnAuthenticationError() throws Exception {
        CliTest.Run r = CliTest.run("topics", "--kafka", broker.bootstrapServers(),
                "--set", "ballast.kafka.properties-file=" + clientFile("wrong.properties", new ScramUser(ADMIN.name(), "wrong")));
        assertThat(r.exit()).isEqualTo(Errors.FAILED);
        assertThat(r.err()).contains("ballast topics:").contains("Authentication failed").doesNotContain(ADMIN.password());
    }

    private static Path clientFile(String name, ScramUser user) throws Exception {
        Properties props = new Properties();
        props.putAll(broker.security().clientProperties(user));
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            props.store(w, null);
        }
        return file;
    }
}
