package io.ballast.cli;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.Topics;
import io.ballast.events.BiasUpdate;
import io.ballast.sim.FleetSimulator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the committed actions (as a trainer or the scheduler would, read_committed), shows them on the console,
 * and feeds bias updates back into the simulated trainers: the demo's closed loop.
 */
final class ActionWatcher implements AutoCloseable {
    static final List<String> TOPICS = List.of(Topics.ACTIONS_DRAIN, Topics.ACTIONS_ROLLBACK, Topics.ACTIONS_BIAS, Topics.ALERTS);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DemoConsole console;
    private final FleetSimulator sim;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastActionAt = System.currentTimeMillis();

    private ActionWatcher(String bootstrap, DemoConsole console, FleetSimulator sim) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ballast-demo-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.console = console;
        this.sim = sim;
        this.thread = new Thread(this::run, "ballast-demo-actions");
        this.thread.setDaemon(true);
    }

    static ActionWatcher start(String bootstrap, DemoConsole console, FleetSimulator sim) {
        ActionWatcher w = new ActionWatcher(bootstrap, console, sim);
        w.consumer.subscribe(TOPICS);
        w.thread.start();
        return w;
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    SpecificRecord action = AvroCodec.decode(r.value());
                    if (action instanceof BiasUpdate b) {
                        sim.applyBias(b.getJob(), b.getLayer(), b.getBias().stream().mapToDouble(Double::doubleValue).toArray());
                    } else {
                        lastActionAt = System.currentTimeMillis();
                    }
                    console.action(action);
                } catch (DecodeException e) {
                    System.err.println("demo: unreadable action on " + r.topic() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Waits until no drain, rollback or alert has arrived for {@code quiet}, at most {@code max}. */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - lastActionAt < quiet.toMillis()) {
            Thread.sleep(250); // polling a wall-clock condition for a person watching, not test synchronisation
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close();
    }
}
