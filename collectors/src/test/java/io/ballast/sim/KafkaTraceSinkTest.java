package io.ballast.sim;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;
import io.ballast.embedded.junit.KafkaExtension;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaTraceSinkTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    @Test
    void recordsArriveOnTheirContractTopicsKeyedByNodeOrJob() throws Exception {
        List<String> topics = Arrays.stream(EventType.values()).filter(EventType::isTelemetry).map(EventType::topic).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
        }
        SimConfig config = SimConfig.defaults().withFleet(4, 1).withDuration(Duration.ofSeconds(20));
        FaultScript script = FaultScript.of(
                FaultScript.ScriptedFault.at(FaultKind.XID_79, 0.5), FaultScript.ScriptedFault.at(FaultKind.SDC_LOSS_SPIKE, 0.6));
        FleetSimulator sim = new FleetSimulator(config, script);
        List<SpecificRecord> sent = SimRuns.all(new FleetSimulator(config, script));
        Map<String, Long> sentPerTopic = sent.stream().collect(Collectors.groupingBy(r -> EventType.of(r).topic(), Collectors.counting()));
        assertThat(sentPerTopic).containsKeys(EventType.XID.topic(), EventType.SDC_CHECK.topic(), EventType.GPU_SAMPLE.topic());

        try (KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers())) {
            sink.writeAll(sim.records());
            sink.flush();
        }

        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "sim-sink-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= sent.size();
            });
        }

        assertThat(received).hasSize(sent.size());
        assertThat(received.stream().collect(Collectors.groupingBy(ConsumerRecord::topic, Collectors.counting()))).isEqualTo(sentPerTopic);
        for (ConsumerRecord<String, byte[]> r : received) {
            SpecificRecord decoded = AvroCodec.decode(r.value());
            assertThat(EventType.of(decoded).topic()).isEqualTo(r.topic());
            assertThat(r.key()).isEqualTo(Records.key(decoded)).isNotNull();
        }
        assertThat(received.stream().filter(r -> r.topic().equals(EventType.TRAIN_STEP.topic())))
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("job-moe-1"));
    }
}
