package io.ballast.jobs.reliability;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.Topics;
import io.ballast.embedded.WebhookReceiver;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.events.Drain;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.SimConfig;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The on-call webhook hangs (accepts the alert, never answers) while the live job runs: the stream is not blocked —
 * a later drain is committed to Kafka meanwhile — and once the receiver answers, the alert is delivered.
 */
class WebhookOutageLiveTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofSeconds(100));

    @Test
    void aHangingWebhookNeitherBlocksTheStreamNorLosesTheAlert() throws Exception {
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.of(
                FaultScript.ScriptedFault.after(FaultKind.LEAF_SWITCH, Duration.ofSeconds(10)),
                FaultScript.ScriptedFault.after(FaultKind.XID_79, Duration.ofSeconds(60))));
        try (WebhookReceiver receiver = WebhookReceiver.start().hold();
             KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers());
             KafkaConsumer<byte[], byte[]> drains = CommittedReader.open(kafka.bootstrapServers(), Topics.ACTIONS_DRAIN)) {
            JobClient job = LiveJobRun.start(kafka.bootstrapServers(), Map.of("ballast.webhook.url", receiver.url("/alerts")));
            try {
                sim.records().forEachRemaining(sink::write);
                sink.flush();

                await("the switch alert reaches the hanging webhook").atMost(Duration.ofMinutes(2)).until(() -> !receiver.requests().isEmpty());
                List<Drain> committed = new ArrayList<>();
                await("the later drain is committed while the webhook hangs").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : drains.poll(Duration.ofMillis(500))) {
                        committed.add((Drain) AvroCodec.decode(r.value()));
                    }
                    return !committed.isEmpty();
                });
                assertThat(receiver.answered()).as("the webhook has answered nothing yet").isZero();
                assertThat(committed).extracting(Drain::getNode).containsExactlyElementsOf(BadInputReplayTest.drainNodes(sim));

                receiver.release();
                await("the alert is delivered once the webhook answers").atMost(Duration.ofMinutes(1))
                        .until(() -> receiver.answered() > 0);
                assertThat(receiver.requests()).anySatisfy(r -> assertThat(r.body()).contains("switch"));
            } finally {
                job.cancel().get();
            }
        }
    }
}
