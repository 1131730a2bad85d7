package io.ballast.it;

import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.jobs.live.LiveJob;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** What every integration test sets up the same way: its own work directory and the topics in trace order. */
final class ItSetup {
    private ItSetup() {}

    /** A fresh directory under {@code ballast.it.work-dir} (default target/it-work). */
    static Path workDir(String prefix) throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("ballast.it.work-dir", "target/it-work")))
                .resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Every topic; one partition per telemetry topic keeps each record kind in trace order, as replay reads it. */
    static void createTopics(Map<String, Object> adminProperties, String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(adminProperties)) {
            admin.createTopics(LiveJob.INPUT_TOPICS.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
        TopicAdmin.ensureTopics(bootstrapServers);
    }
}
