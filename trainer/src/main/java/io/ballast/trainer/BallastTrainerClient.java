package io.ballast.trainer;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.EventType;
import io.ballast.contract.Topics;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Checkpoint;
import io.ballast.events.ExpertLoad;
import io.ballast.events.JobTopology;
import io.ballast.events.TrainStep;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a trainer needs from Ballast: publish expert_load, train_step, checkpoint and job_topology (Avro
 * single-object encoding, keyed by job), and apply the latest bias_update per layer of its job. On start it reads
 * the compacted bias topic from the beginning, so a restarted trainer resumes with the current bias.
 * Call it from the training loop's thread.
 */
public final class BallastTrainerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BallastTrainerClient.class);

    private final TrainerClientConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BiasBook book;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private long undecodable;

    public BallastTrainerClient(TrainerClientConfig config) {
        this.config = config;
        this.book = new BiasBook(config.job(), config.cluster());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // bias updates come from transactional sinks
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of the bias topic and reads it from the beginning up to its current end. */
    public void start(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.ACTIONS_BIAS, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.ACTIONS_BIAS + " does not exist (create the topics first)");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("did not read " + Topics.ACTIONS_BIAS + " to its end within " + timeout);
            }
            poll(Duration.ofMillis(100));
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Reads new bias updates, waiting at most {@code timeout}; returns how many moved a layer forward. */
    public int poll(Duration timeout) {
        int applied = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            try {
                if (AvroCodec.decode(r.value()) instanceof BiasUpdate update && book.offer(update)) {
                    applied++;
                }
            } catch (DecodeException e) {
                undecodable++;
                LOG.warn("skipping undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        return applied;
    }

    /** The bias vector to add to layer's routing scores for selection, or empty before Ballast published one. */
    public Optional<double[]> bias(int layer) {
        return book.bias(layer);
    }

    public Optional<BiasUpdate> latest(int layer) {
        return book.latest(layer);
    }

    public long biasVersion(int layer) {
        return book.version(layer);
    }

    public long undecodableRecords() {
        return undecodable;
    }

    public void publishExpertLoad(long step, int layer, int rank, int ranks, long[] counts) {
        send(ExpertLoad.newBuilder().setJob(config.job()).setStep(step).setLayer(layer).setRank(rank).setRanks(ranks)
                .setCounts(Arrays.stream(counts).boxed().toList()).setTs(now()).setCluster(config.cluster()).build());
    }

    public void publishTrainStep(long step, double loss, Double gradNorm, Double lr, Long tokens, Double stepTimeMs) {
        send(TrainStep.newBuilder().setJob(config.job()).setStep(step).setLoss(loss).setGradNorm(gradNorm).setLr(lr)
                .setTokens(tokens).setStepTimeMs(stepTimeMs).setTs(now()).setCluster(config.cluster()).build());
    }

    /** @param status {@code saved} or {@code failed} */
    public void publishCheckpoint(long step, String uri, String status) {
        send(Checkpoint.newBuilder().setJob(config.job()).setStep(step).setUri(uri).setStatus(status).setTs(now())
                .setCluster(config.cluster()).build());
    }

    /** Announces the job's nodes, expert placement ({@code node/gpu} per expert) and optional bias update rate. */
    public void publishTopology(List<String> nodes, int experts, Double biasUpdateRate, List<String> expertHosts) {
        send(JobTopology.newBuilder().setJob(config.job()).setNodes(new ArrayList<>(nodes)).setExperts(experts)
                .setBiasUpdateRate(biasUpdateRate).setExpertHosts(expertHosts == null ? null : new ArrayList<>(expertHosts))
                .setTs(now()).setCluster(config.cluster()).build());
    }

    /** Waits until everything sent so far is acknowledged; throws if a send failed. */
    public void flush() {
        producer.flush();
        Exception failure = sendFailure.getAndSet(null);
        if (failure != null) {
            throw new IllegalStateException("sending to Kafka failed: " + failure.getMessage(), failure);
        }
    }

    private void send(SpecificRecord record) {
        producer.send(new ProducerRecord<>(EventType.of(record).topic(), config.job(), AvroCodec.encode(record)), (m, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        });
    }

    private long now() {
        return config.clock().millis();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
