package io.ballast.jobs.live;

import io.ballast.jobs.Outputs;

import org.apache.flink.configuration.Configuration;

/** The non-Kafka outputs of the live job: alerts to the on-call webhook, actions and metrics to InfluxDB. */
final class SideSinks {
    private SideSinks() {}

    static void attach(Outputs outputs, Configuration conf) {
        // Wired once the webhook and InfluxDB sinks land.
    }
}
