package io.ballast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void recordsMethodPathHeadersAndBody() throws Exception {
        int status = post("/hook", "{\"a\":1}").statusCode();

        WebhookReceiver.Request request = receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertThat(status).isEqualTo(200);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("x-test")).isEqualTo("yes");
        assertThat(request.body()).isEqualTo("{\"a\":1}");
        assertThat(request.arrivedAt()).isNotNull();
    }

    @Test
    void failsTheNextRequestsWithTheGivenStatus() throws Exception {
        receiver.failNext(2, 503);

        assertThat(post("/", "1").statusCode()).isEqualTo(503);
        assertThat(post("/", "2").statusCode()).isEqualTo(503);
        assertThat(post("/", "3").statusCode()).isEqualTo(200);
    }

    @Test
    void holdsAnswersUntilReleased() throws Exception {
        receiver.hold();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request("/", "x"), HttpResponse.BodyHandlers.discarding());

        receiver.awaitRequests(1, Duration.ofSeconds(5));
        assertThat(response).isNotDone();
        assertThat(receiver.answered()).isZero();

        receiver.release();
        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void stopRefusesConnectionsAndStartReusesThePort() throws Exception {
        String url = receiver.url("/x");
        receiver.stop();
        assertThatThrownBy(() -> post("/x", "down")).isInstanceOf(IOException.class);

        receiver.startAgain();
        assertThat(receiver.url("/x")).isEqualTo(url);
        assertThat(post("/x", "up").statusCode()).isEqualTo(200);
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::body).containsExactly("up");
    }

    @Test
    void awaitRequestsFailsWhenTooFewArrive() {
        assertThatThrownBy(() -> receiver.awaitRequests(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1 webhook requests");
    }

    @Test
    void listenersSeeEveryRequest() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        receiver.onRequest(r -> seen.add(r.body()));

        post("/", "hello");

        assertThat(seen).containsExactly("hello");
    }

    private HttpResponse<Void> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path, body), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(receiver.url(path)))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
