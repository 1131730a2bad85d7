package io.ballast.jobs.live;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.Topics;
import io.ballast.embedded.junit.InfluxExtension;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.embedded.WebhookReceiver;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.GpuSample;
import io.ballast.events.Xid;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.kafka.TopicAdmin;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live job end to end through real parts: Kafka broker, Flink MiniCluster, InfluxDB and a webhook receiver. */
class LiveJobTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();
    @RegisterExtension
    static InfluxExtension influx = new InfluxExtension();
    /** Not the per-test extension: it resets between tests, and the job posts while the class runs. */
    static WebhookReceiver webhook = WebhookReceiver.start();

    static final long T0 = System.currentTimeMillis() - 60_000;
    static JobClient job;
    static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startJob() throws Exception {
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        Configuration conf = new Configuration();
        conf.set(BallastOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
        conf.set(BallastOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
        conf.set(BallastOptions.OUT_OF_ORDERNESS, Duration.ofSeconds(1));
        conf.set(BallastOptions.IDLENESS, Duration.ofSeconds(2));
        conf.set(BallastOptions.WEBHOOK_URL, webhook.url("/alerts"));
        conf.set(BallastOptions.INFLUX_URL, influx.url());
        conf.set(BallastOptions.INFLUX_DATABASE, "live_job_test");
        conf.set(BallastOptions.TRANSACTIONAL_ID_PREFIX, "live-job-test-" + UUID.randomUUID());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        LiveJob.build(env, conf);
        job = env.executeAsync("live-job-test");

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        for (String node : List.of("n1", "n2", "n3")) {
            send(Topics.TELEMETRY_GPU, GpuSample.newBuilder().setTs(T0).setNode(node).setGpu(0).build());
        }
        send(Topics.TELEMETRY_XID, xid("n1", 13, T0 + 1_000));
        send(Topics.TELEMETRY_XID, xid("n3", 79, T0 + 2_000));
        producer.send(new ProducerRecord<>(Topics.TELEMETRY_XID, "junk".getBytes(StandardCharsets.UTF_8))).get();
        // Later telemetry moves event time past the Xids, so the router releases its decisions.
        send(Topics.TELEMETRY_GPU, GpuSample.newBuilder().setTs(T0 + 30_000).setNode("n1").setGpu(0).build());
    }

    @AfterAll
    static void stopJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        producer.close();
        webhook.close();
    }

    @Test
    void anXid79BecomesOneCommittedDrainOfItsNode() {
        List<Drain> drains = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            drains.addAll(read(Topics.ACTIONS_DRAIN, Drain.class));
            assertThat(drains).extracting(Drain::getNode).containsExactly("n3");
        });
        assertThat(drains.get(0).getTs()).isEqualTo(T0 + 2_000);
        assertThat(drains.get(0).getId()).hasSize(16);
    }

    @Test
    void anApplicationXidReachesTheWebhookAsAnAlertAndDrainsNothing() {
        await().atMost(Duration.ofSeconds(60)).until(() -> webhook.requests().stream()
                .anyMatch(r -> r.body().contains("\"node\":\"n1\"") && r.body().contains("\"version\":\"4\"")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(Topics.ACTIONS_DRAIN, Drain.class))
                .extracting(Drain::getNode).doesNotContain("n1"));
    }

    @Test
    void unreadableBytesGoToTheDeadLetterTopicWithTheirSource() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<DeadLetter> dead = read(Topics.DEAD_LETTER, DeadLetter.class);
            assertThat(dead).anySatisfy(d -> {
                assertThat(d.getSource()).startsWith(Topics.TELEMETRY_XID + "/");
                assertThat(d.getReason()).contains("not Avro single-object encoding");
                assertThat(d.getPayload()).isEqualTo("junk");
            });
        });
    }

    @Test
    void theDrainIsWrittenToInfluxDb() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            QueryResult result = influx.client().query(new Query("SELECT \"node\" FROM \"actions\" WHERE \"type\" = 'drain'", "live_job_test"));
            assertThat(result.getResults().get(0).getSeries()).isNotNull();
            assertThat(result.getResults().get(0).getSeries().get(0).getValues()).anySatisfy(v -> assertThat(v).contains("n3"));
        });
    }


    private static <T extends SpecificRecord> List<T> read(String topic, Class<T> type) throws DecodeException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(3))) {
                out.add(type.cast(AvroCodec.decode(r.value())));
            }
        }
        return out;
    }

    private static void send(String topic, SpecificRecord record) throws Exception {
        producer.send(new ProducerRecord<>(topic, AvroCodec.encode(record))).get();
    }

    private static Xid xid(String node, int code, long ts) {
        return Xid.newBuilder().setTs(ts).setNode(node).setGpu(0).setXid(code).setMessage("test Xid " + code).build();
    }
}
