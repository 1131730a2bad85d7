package io.ballast.collectors.publish;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/** Records and Kafka plumbing shared by the publisher tests. */
final class TestRecords {
    /** A realistic event time: the codec rejects anything outside 2000-2100. */
    static final long T0 = 1_795_000_000_000L;

    private TestRecords() {}

    static GpuSample gpuSample(String node, int gpu, long ts) {
        return GpuSample.newBuilder().setTs(T0 + ts).setNode(node).setGpu(gpu).setPowerW(113.62).build();
    }

    static Xid xid(String node, int code, long ts) {
        return Xid.newBuilder().setTs(T0 + ts).setNode(node).setXid(code).setPciBusId("0000:3b:00.0").setMessage("GPU has fallen off the bus.").build();
    }

    static NicCounters nic(String node, long ts) {
        return NicCounters.newBuilder().setTs(T0 + ts).setNode(node).setDevice("mlx5_0").setPort(1).setBootId("b00t")
                .setCounters(Map.of("symbol_error", 3L)).build();
    }

    static void createTopics(String bootstrap, String... topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, 1, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
        }
    }

    /** Reads {@code topic} from the start until {@code count} records have arrived. */
    static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= count;
            });
            return received;
        }
    }
}
