package io.ballast.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerProcessTest {
    @TempDir
    Path dir;

    @Test
    void killedBrokerComesBackOnTheSameAddressWithItsData() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("plain"), BrokerSecurity.plaintext())) {
            String address = broker.bootstrapServers();
            Map<String, Object> client = new HashMap<>(broker.adminClientProperties());
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            produce(client, "before the kill");

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThat(accepts(address)).as("nothing listens after SIGKILL").isFalse();

            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            produce(client, "after the restart");
            assertThat(readAll(client, 2)).containsExactly("before the kill", "after the restart");
        }
    }

    @Test
    void saslSslBrokerAdmitsScramUsersAndRefusesAWrongPassword() throws Exception {
        BrokerSecurity.ScramUser admin = new BrokerSecurity.ScramUser("ballast", "admin-secret");
        BrokerSecurity.ScramUser alice = new BrokerSecurity.ScramUser("alice", "alice-secret");
        BrokerSecurity security = BrokerSecurity.saslSsl(SelfSignedTls.generate(dir.resolve("tls")), admin, alice);
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("scram"), security)) {
            Map<String, Object> asAlice = new HashMap<>(security.clientProperties(alice));
            asAlice.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin client = Admin.create(asAlice)) {
                client.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            produce(asAlice, "over SASL_SSL");
            assertThat(readAll(asAlice, 1)).containsExactly("over SASL_SSL");

            Map<String, Object> wrong = new HashMap<>(security.clientProperties(new BrokerSecurity.ScramUser("alice", "guess")));
            wrong.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin client = Admin.create(wrong)) {
                assertThatThrownBy(() -> client.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            assertThat(security.toString()).doesNotContain("admin-secret", "alice-secret", security.tls().password());
            assertThat(Files.readString(dir.resolve("scram/broker.log"))).doesNotContain("admin-secret", "alice-secret");
        }
    }

    private static void produce(Map<String, Object> client, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("t", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(Map<String, Object> client, int count) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("t", 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static boolean accepts(String address) {
        String[] hostPort = address.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
