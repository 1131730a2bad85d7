package io.ballast.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls of Flink's REST API the tests wait on: registered TaskManagers, job state, checkpoints. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FlinkRest(String base) {
        this.base = base;
    }

    /** TaskManagers the ResourceManager counts as registered; 0 while the JobManager is not up yet. */
    public int taskManagers() {
        JsonNode overview = getOrNull("/overview");
        return overview == null ? 0 : overview.path("taskmanagers").asInt();
    }

    /** RUNNING, RESTARTING, FAILED...; null while unknown. */
    public String jobState(String jobId) {
        JsonNode job = getOrNull("/jobs/" + jobId);
        return job == null ? null : job.path("state").asText(null);
    }

    /** Checkpoints completed so far (across restarts). */
    public long completedCheckpoints(String jobId) {
        JsonNode cp = getOrNull("/jobs/" + jobId + "/checkpoints");
        return cp == null ? 0 : cp.path("counts").path("completed").asLong();
    }

    /** Id of the checkpoint the job last restored from, or -1 if it never restored. */
    public long restoredCheckpoint(String jobId) {
        JsonNode cp = getOrNull("/jobs/" + jobId + "/checkpoints");
        JsonNode restored = cp == null ? null : cp.path("latest").path("restored");
        return restored == null || restored.isMissingNode() || restored.isNull() ? -1 : restored.path("id").asLong(-1);
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode getOrNull(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet, or restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
