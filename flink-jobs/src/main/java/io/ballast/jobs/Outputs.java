package io.ballast.jobs;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.metrics.Metric;

import org.apache.flink.streaming.api.datastream.DataStream;

/** What the pipeline emits, one stream per contract output; live mode sends them to Kafka, replay to files. */
public record Outputs(
        DataStream<Drain> drains,
        DataStream<Rollback> rollbacks,
        DataStream<BiasUpdate> biasUpdates,
        DataStream<Alert> alerts,
        DataStream<DeadLetter> deadLetters,
        DataStream<Metric> metrics,
        TelemetryStreams telemetry) {}
