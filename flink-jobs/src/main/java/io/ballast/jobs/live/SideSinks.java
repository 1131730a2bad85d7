package io.ballast.jobs.live;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.events.GpuSample;
import io.ballast.jobs.Outputs;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.sinks.influx.InfluxPoints;
import io.ballast.sinks.influx.InfluxSink;
import io.ballast.sinks.webhook.WebhookConfig;
import io.ballast.sinks.webhook.WebhookSink;

import org.apache.flink.configuration.Configuration;
import org.influxdb.dto.Point;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The non-Kafka outputs of the live job: alerts to the on-call webhook, and actions, alerts, GPU health and
 * the detectors' metrics to InfluxDB. Both are asynchronous and bounded: a slow or dead receiver delays its
 * own output and never the detection.
 */
public final class SideSinks {
    private SideSinks() {}

    static void attach(Outputs outputs, Configuration conf) {
        conf.getOptional(BallastOptions.WEBHOOK_URL).ifPresent(url ->
                outputs.alerts().sinkTo(new WebhookSink(webhook(url, conf))).uid("sink-webhook").name("Webhook: alerts"));
        attachInflux(outputs, conf);
    }

    /** InfluxDB output when {@code ballast.influx.url} is set; replay uses it to backfill dashboards from a trace. */
    public static void attachInflux(Outputs outputs, Configuration conf) {
        conf.getOptional(BallastOptions.INFLUX_URL).ifPresent(url -> {
            String db = conf.get(BallastOptions.INFLUX_DATABASE);
            outputs.metrics().sinkTo(InfluxSink.of(url, db, m -> List.of(InfluxPoints.metric(m.measurement, m.tags, m.fields, m.ts))))
                    .uid("influx-metrics").name("InfluxDB: metrics");
            outputs.telemetry().gpu().sinkTo(InfluxSink.of(url, db, SideSinks::gpuHealth)).uid("influx-gpu").name("InfluxDB: GPU health");
            outputs.drains().sinkTo(InfluxSink.of(url, db, d -> InfluxPoints.drain(d))).uid("influx-drains").name("InfluxDB: drains");
            outputs.rollbacks().sinkTo(InfluxSink.of(url, db, r -> InfluxPoints.rollback(r))).uid("influx-rollbacks").name("InfluxDB: rollbacks");
            outputs.alerts().sinkTo(InfluxSink.of(url, db, a -> InfluxPoints.alert(a))).uid("influx-alerts").name("InfluxDB: alerts");
        });
    }

    /** A GPU sample's health points; none for a message that does not decode (the hardware stage dead-letters it). */
    static List<Point> gpuHealth(NodeMessage sample) {
        try {
            return InfluxPoints.gpuHealth((GpuSample) AvroCodec.decode(sample.message));
        } catch (DecodeException e) {
            return List.of();
        }
    }

    static WebhookConfig webhook(String url, Configuration conf) {
        WebhookConfig config = WebhookConfig.of(url)
                .withFormat(WebhookConfig.Format.valueOf(conf.get(BallastOptions.WEBHOOK_FORMAT).toUpperCase(Locale.ROOT)))
                .withGroupWait(conf.get(BallastOptions.WEBHOOK_GROUP_WAIT));
        String secret = secret(conf);
        return secret == null ? config : config.withSecret(secret);
    }

    /** From {@code BALLAST_WEBHOOK_SECRET} or the secret file; never from the command line, never logged. */
    static String secret(Configuration conf) {
        String env = System.getenv("BALLAST_WEBHOOK_SECRET");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return conf.getOptional(BallastOptions.WEBHOOK_SECRET_FILE).map(file -> {
            try {
                return Files.readString(Path.of(file)).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ballast.webhook.secret-file " + file, e);
            }
        }).orElse(null);
    }
}
