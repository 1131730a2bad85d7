package io.ballast.trainer;

import io.ballast.events.BiasUpdate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BiasBookTest {

    @Test
    void neverGoesBackToAnOlderOrDuplicateVersion() {
        BiasBook book = new BiasBook("job-a", null);
        assertThat(book.offer(update("job-a", 0, 3, 0.3))).isTrue();
        assertThat(book.offer(update("job-a", 0, 2, 0.2))).isFalse();
        assertThat(book.offer(update("job-a", 0, 3, 9.9))).isFalse();
        assertThat(book.bias(0).orElseThrow()).containsExactly(0.3, -0.3);
        assertThat(book.version(0)).isEqualTo(3);
    }

    @Test
    void keepsLayersApartAndIgnoresOtherJobsAndClusters() {
        BiasBook book = new BiasBook("job-a", null);
        assertThat(book.offer(update("job-b", 0, 5, 0.5))).isFalse();
        BiasUpdate otherCluster = update("job-a", 0, 6, 0.6);
        otherCluster.setCluster("eu-1");
        assertThat(book.offer(otherCluster)).isFalse();
        assertThat(book.offer(update("job-a", 1, 1, 0.1))).isTrue();
        assertThat(book.bias(0)).isEmpty();
        assertThat(book.bias(1).orElseThrow()).containsExactly(0.1, -0.1);
    }

    static BiasUpdate update(String job, int layer, long version, double b) {
        return BiasUpdate.newBuilder().setJob(job).setLayer(layer).setStep(version).setVersion(version)
                .setBias(List.of(b, -b)).setUpdateRate(0.001).setMaxVio(0.1).setTs(1_795_486_326_000L + version)
                .setId(job + "/" + layer + "/" + version).build();
    }
}
