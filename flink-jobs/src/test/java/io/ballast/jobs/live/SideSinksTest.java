package io.ballast.jobs.live;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.sinks.webhook.WebhookConfig;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SideSinksTest {

    @Test
    void theWebhookTakesItsFormatAndGroupWaitFromTheJobConfiguration() {
        Configuration conf = new Configuration();
        conf.set(BallastOptions.WEBHOOK_FORMAT, "slack");
        conf.set(BallastOptions.WEBHOOK_GROUP_WAIT, Duration.ofSeconds(3));

        WebhookConfig config = SideSinks.webhook("http://127.0.0.1:9/hook", conf);

        assertThat(config.format()).isEqualTo(WebhookConfig.Format.SLACK);
        assertThat(config.groupWait()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theDefaultGroupWaitIsShortEnoughNotToDelayAPage() {
        assertThat(SideSinks.webhook("http://127.0.0.1:9/hook", new Configuration()).groupWait())
                .isEqualTo(BallastOptions.WEBHOOK_GROUP_WAIT.defaultValue())
                .isLessThan(Duration.ofSeconds(1));
    }
}
