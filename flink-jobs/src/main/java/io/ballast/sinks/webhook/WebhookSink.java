package io.ballast.sinks.webhook;

import io.ballast.events.Alert;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Flink sink that hands alerts to a {@link WebhookNotifier}. Delivery is asynchronous, so a slow or
 * absent receiver never backpressures the job; only the end of a bounded input waits for delivery.
 */
public final class WebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private static final Duration END_OF_INPUT_WAIT = Duration.ofSeconds(30);

    private final WebhookConfig config;

    public WebhookSink(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new Writer(new WebhookNotifier(config));
    }

    /** Per-subtask writer around one notifier. */
    private static final class Writer implements SinkWriter<Alert> {
        private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

        private final WebhookNotifier notifier;

        Writer(WebhookNotifier notifier) {
            this.notifier = notifier;
        }

        @Override
        public void write(Alert alert, Context context) {
            notifier.offer(alert);
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput && !notifier.awaitIdle(END_OF_INPUT_WAIT)) {
                LOG.warn("webhook alerts still undelivered after {}", END_OF_INPUT_WAIT);
            }
        }

        @Override
        public void close() {
            notifier.close();
        }
    }
}
