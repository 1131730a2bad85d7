package io.ballast.cli.bench;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.Topics;
import io.ballast.events.BiasUpdate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Signal-to-action latency on bias updates: a bias_update carries its step's {@code ts}, the paced load sends each
 * record at its {@code ts} (wall time, see {@link PacedLoad}), and the update is visible here (read_committed) once the
 * checkpoint that commits its transaction completes. Latency = arrival - the step's send time.
 */
public final class BiasLatencyWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String cluster;
    private final Latencies latencies = new Latencies();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts reading bias updates published from now on for {@code cluster}. */
    public BiasLatencyWatcher(String bootstrap, String cluster) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.cluster = cluster;
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACTIONS_BIAS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the paced load starts
        this.thread = new Thread(this::run, "bench-bias-latency");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long arrived = System.currentTimeMillis();
                try {
                    SpecificRecord action = AvroCodec.decode(r.value());
                    if (action instanceof BiasUpdate b && cluster.equals(b.getCluster())) {
                        latencies.add(b.getTs(), arrived - b.getTs());
                    }
                } catch (DecodeException e) {
                    System.err.println("bench: unreadable bias update: " + e.getMessage());
                }
            }
        }
    }

    public Latencies latencies() {
        return latencies;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close();
    }
}
