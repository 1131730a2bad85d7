package io.ballast.embedded.junit;

import io.ballast.embedded.WebhookReceiver;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a test class a real {@link WebhookReceiver}, started once per class and reset (requests,
 * failures, delays, holds forgotten; restarted if a test stopped it) before each test.
 * Register with {@code @RegisterExtension static WebhookReceiverExtension webhooks = new WebhookReceiverExtension();}.
 */
public final class WebhookReceiverExtension implements BeforeAllCallback, BeforeEachCallback {
    private WebhookReceiver receiver;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(
                ExtensionContext.Namespace.create(WebhookReceiverExtension.class, context.getRequiredTestClass()));
        receiver = store.getOrComputeIfAbsent("receiver", k -> new Closing(WebhookReceiver.start()), Closing.class).receiver;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        receiver().reset();
        receiver().startAgain();
    }

    public WebhookReceiver receiver() {
        if (receiver == null) {
            throw new IllegalStateException("WebhookReceiverExtension must be a static @RegisterExtension field");
        }
        return receiver;
    }

    /** URL of a path on the receiver, e.g. {@code url("/alerts")}. */
    public String url(String path) {
        return receiver().url(path);
    }

    /** Stops the receiver when JUnit closes the store at the end of the class (JUnit 5.13+ closes AutoCloseable values). */
    private record Closing(WebhookReceiver receiver) implements AutoCloseable {
        @Override
        public void close() {
            receiver.close();
        }
    }
}
