package io.ballast.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real HTTP server on 127.0.0.1 that records every request it gets. It can answer with an error
 * status for the next N requests, answer slowly, hold answers until released, and be stopped and
 * started again on the same port to stage an outage. Used by the tests and by {@code ballast demo}.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. Header names are case-insensitive. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body, Instant arrivedAt) {
        /** First value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final List<Consumer<Request>> listeners = new CopyOnWriteArrayList<>();
    private int port;
    private HttpServer server;
    private ExecutorService executor;
    private int failuresLeft;
    private int failureStatus = 503;
    private Duration delay = Duration.ZERO;
    private CountDownLatch gate = new CountDownLatch(0);
    private int answered;
    /** Bumped by {@link #reset()}: a request held across a reset must not count as answered after it. */
    private long generation;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** Starts on a random free port. */
    public static WebhookReceiver start() {
        return start(0);
    }

    /** Starts on the given port (0 = random). */
    public static WebhookReceiver start(int port) {
        WebhookReceiver receiver = new WebhookReceiver(port);
        receiver.startAgain();
        return receiver;
    }

    /** URL of the given path, e.g. {@code url("/alerts")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
    }

    public int port() {
        return port;
    }

    /** Starts again on the same port after {@link #stop()}. */
    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        port = server.getAddress().getPort();
        // Several threads so a held or slow answer does not queue the requests behind it.
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "webhook-receiver-" + port);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Stops listening (connections are refused) but keeps the recorded requests and the port. */
    public void stop() {
        HttpServer s;
        ExecutorService e;
        synchronized (this) {
            s = server;
            e = executor;
            server = null;
            executor = null;
            gate.countDown();
        }
        if (s != null) {
            s.stop(0);
            e.shutdownNow();
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Answer the next {@code n} requests with {@code status} instead of 200. */
    public synchronized WebhookReceiver failNext(int n, int status) {
        failuresLeft = n;
        failureStatus = status;
        return this;
    }

    /** Wait this long before answering each request. */
    public synchronized WebhookReceiver delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Record requests but hold every answer until {@link #release()}. */
    public synchronized WebhookReceiver hold() {
        if (gate.getCount() == 0) {
            gate = new CountDownLatch(1);
        }
        return this;
    }

    /** Answers every held request. */
    public synchronized void release() {
        gate.countDown();
    }

    /** Calls the listener for every request from now on (the demo prints them). */
    public void onRequest(Consumer<Request> listener) {
        listeners.add(listener);
    }

    /** Forgets recorded requests and every failure, delay and hold. */
    public synchronized void reset() {
        requests.clear();
        failuresLeft = 0;
        delay = Duration.ZERO;
        gate.countDown();
        answered = 0;
        generation++;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests have been answered (any status). */
    public synchronized int answered() {
        return answered;
    }

    /** Waits until at least {@code n} requests have arrived; fails with an AssertionError otherwise. */
    public synchronized List<Request> awaitRequests(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (requests.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " webhook requests within " + timeout
                            + ", got " + requests.size() + ": " + requests);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for webhook requests", e);
        }
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Collections.unmodifiableMap(headers), body, Instant.now());
            int status;
            Duration wait;
            CountDownLatch held;
            long received;
            synchronized (this) {
                received = generation;
                requests.add(request);
                notifyAll();
                status = failuresLeft > 0 ? failureStatus : 200;
                failuresLeft = Math.max(0, failuresLeft - 1);
                wait = delay;
                held = gate;
            }
            listeners.forEach(l -> l.accept(request));
            try {
                held.await();
                if (!wait.isZero()) {
                    Thread.sleep(wait.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            synchronized (this) {
                if (received == generation) {
                    answered++;
                }
            }
        }
    }
}
