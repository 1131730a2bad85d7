package io.ballast.trainer;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.events.ExpertLoad;
import io.ballast.jobs.kafka.TopicAdmin;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Java trainer client against the embedded broker. */
class BallastTrainerClientTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    @BeforeAll
    static void topics() throws Exception {
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
    }

    @Test
    void onStartReadsTheCompactedBiasTopicAndKeepsTheNewestVersionPerLayer() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (var u : List.of(BiasBookTest.update("resume", 0, 7, 0.7), BiasBookTest.update("resume", 0, 5, 0.5),
                    BiasBookTest.update("resume", 1, 2, 0.2), BiasBookTest.update("other", 0, 9, 0.9))) {
                p.send(new ProducerRecord<>(Topics.ACTIONS_BIAS, u.getJob() + "/" + u.getLayer(), AvroCodec.encode(u))).get();
            }
        }
        try (BallastTrainerClient client = new BallastTrainerClient(TrainerClientConfig.of(kafka.bootstrapServers(), "resume"))) {
            client.start(Duration.ofSeconds(30));
            assertThat(client.biasVersion(0)).isEqualTo(7);
            assertThat(client.bias(0).orElseThrow()).containsExactly(0.7, -0.7);
            assertThat(client.biasVersion(1)).isEqualTo(2);

            try (KafkaProducer<String, byte[]> p = producer()) {
                p.send(new ProducerRecord<>(Topics.ACTIONS_BIAS, "resume/0", AvroCodec.encode(BiasBookTest.update("resume", 0, 8, 0.8)))).get();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> client.poll(Duration.ofMillis(100)) >= 0 && client.biasVersion(0) == 8);
            assertThat(client.bias(0).orElseThrow()).containsExactly(0.8, -0.8);
        }
    }

    @Test
    void publishesExpertLoadKeyedByJobInSingleObjectEncoding() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_795_486_326_000L), ZoneOffset.UTC);
        try (BallastTrainerClient client = new BallastTrainerClient(TrainerClientConfig.of(kafka.bootstrapServers(), "pub").withClock(clock))) {
            client.publishExpertLoad(12, 3, -1, 1, new long[] {5, 0, 9});
            client.flush();
        }
        List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(Topics.TELEMETRY_MOE).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(r -> { if ("pub".equals(r.key())) got.add(r); });
                return !got.isEmpty();
            });
        }
        ExpertLoad load = (ExpertLoad) AvroCodec.decode(got.get(0).value());
        assertThat(load.getJob()).isEqualTo("pub");
        assertThat(load.getStep()).isEqualTo(12);
        assertThat(load.getLayer()).isEqualTo(3);
        assertThat(load.getCounts()).containsExactly(5L, 0L, 9L);
        assertThat(load.getTs()).isEqualTo(1_795_486_326_000L);
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
