package io.ballast.cli.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny loopback endpoint that exposes GPU Xid state the way NVIDIA's dcgm-exporter does
 * ({@code DCGM_FI_DEV_XID_ERRORS}: the last Xid seen on the GPU, 0 when none), for Prometheus to scrape.
 */
public final class DcgmExporter implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Integer> lastXid = new ConcurrentHashMap<>();

    private DcgmExporter(HttpServer server) {
        this.server = server;
    }

    public static DcgmExporter start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DcgmExporter exporter = new DcgmExporter(server);
        server.createContext("/metrics", exchange -> {
            byte[] body = exporter.text().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return exporter;
    }

    /** Exposes the GPUs of {@code node} with no Xid yet, so that the series exist before the fault. */
    public void addNode(String node, int gpus) {
        for (int g = 0; g < gpus; g++) {
            lastXid.putIfAbsent(key(node, g), 0);
        }
    }

    public void xid(String node, int gpu, int xid) {
        lastXid.put(key(node, gpu), xid);
    }

    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String text() {
        StringBuilder b = new StringBuilder("# HELP DCGM_FI_DEV_XID_ERRORS Value of the last XID error encountered.\n"
                + "# TYPE DCGM_FI_DEV_XID_ERRORS gauge\n");
        new TreeMap<>(lastXid).forEach((key, xid) -> {
            String[] parts = key.split("/");
            b.append("DCGM_FI_DEV_XID_ERRORS{gpu=\"").append(parts[1]).append("\",UUID=\"GPU-").append(parts[0]).append('-').append(parts[1])
                    .append("\",device=\"nvidia").append(parts[1]).append("\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"")
                    .append(parts[0]).append("\"} ").append(xid).append('\n');
        });
        return b.toString();
    }

    private static String key(String node, int gpu) {
        return node + "/" + gpu;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
