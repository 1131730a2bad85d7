package io.ballast.sinks.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.embedded.junit.WebhookReceiverExtension;
import io.ballast.events.Alert;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class WebhookSinkTest {
    @RegisterExtension
    static WebhookReceiverExtension webhooks = new WebhookReceiverExtension();

    @Test
    void flinkJobDeliversEachAlertOnceBeforeFinishing() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(alert("a-1", "firing"), alert("a-1", "firing"), alert("a-2", "firing"))
                .sinkTo(new WebhookSink(WebhookConfig.of(webhooks.url("/hook")).withGroupWait(Duration.ofMillis(50))));
        env.execute("webhook sink test");

        List<String> delivered = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (var request : webhooks.receiver().requests()) {
            json.readTree(request.body()).get("alerts").forEach(a -> delivered.add(a.get("fingerprint").asText()));
        }
        assertThat(delivered).containsExactlyInAnyOrder(
                AlertmanagerPayload.fingerprint("a-1"), AlertmanagerPayload.fingerprint("a-2"));
    }

    private static Alert alert(String id, String status) {
        return Alert.newBuilder().setId(id).setStatus(status).setSeverity("critical").setName("xid_fatal")
                .setSummary("Xid 79 on n1").setLabels(Map.of("node", "n1")).setTs(1000).build();
    }
}
