package io.ballast.collectors.publish;

import io.ballast.codec.AvroCodec;
import io.ballast.contract.EventType;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes contract records to their Kafka topic (Avro single-object encoding, keyed by node, else job) with an
 * idempotent {@code acks=all} producer. The caller only enqueues: a sender thread delivers, and while Kafka is
 * unreachable it keeps a bounded buffer (dropping the oldest), retries with backoff, and logs the outage once
 * when it starts and once when it ends.
 */
public final class KafkaRecordPublisher implements RecordPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordPublisher.class);
    private static final int MAX_BATCH = 1000;

    private final KafkaPublisherOptions options;
    private final Map<String, Object> producerConfig;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<ProducerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
    private final Thread sender;

    // Guarded by lock.
    private boolean closing;
    private long accepted;
    private long delivered;
    private long dropped;
    private long rejected;
    private int inFlight;
    private boolean inOutage;
    private long outages;
    private long outageStartedAtMs;
    private long droppedAtOutageStart;

    private volatile Producer<byte[], byte[]> producer;

    public KafkaRecordPublisher(KafkaPublisherOptions options) {
        this.options = options;
        this.producerConfig = producerConfig(options);
        LOG.info("publishing to Kafka {} with client properties {}", options.bootstrapServers(), options.redactedClientProperties());
        this.producer = new KafkaProducer<>(producerConfig);
        this.sender = new Thread(this::sendLoop, "ballast-kafka-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    /** The record's topic and key: {@code node}, or {@code job} for records without a node. */
    static ProducerRecord<byte[], byte[]> toProducerRecord(SpecificRecord record) {
        String topic = EventType.of(record).topic();
        return new ProducerRecord<>(topic, keyOf(record), AvroCodec.encode(record));
    }

    static byte[] keyOf(SpecificRecord record) {
        for (String name : List.of("node", "job")) {
            Schema.Field field = record.getSchema().getField(name);
            Object value = field == null ? null : record.get(field.pos());
            if (value != null) {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void publish(SpecificRecord record) {
        ProducerRecord<byte[], byte[]> message = toProducerRecord(record);
        lock.lock();
        try {
            accepted++;
            if (closing) {
                dropped++;
                return;
            }
            buffer.addLast(message);
            trimToCapacity();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public PublisherStats stats() {
        lock.lock();
        try {
            return new PublisherStats(accepted, delivered, dropped, rejected, buffer.size(), inFlight, inOutage, outages);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A sender still waiting on Kafka is released by closing the producer under it.
        producer.close(sender.isAlive() ? Duration.ZERO : options.closeTimeout());
        sender.interrupt();
        try {
            sender.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (!buffer.isEmpty()) {
                LOG.warn("closing with {} records not delivered to Kafka", buffer.size());
                dropped += buffer.size();
                buffer.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        Duration backoff = options.initialBackoff();
        while (true) {
            List<ProducerRecord<byte[], byte[]>> batch = nextBatch();
            if (batch == null) {
                return;
            }
            Outcome outcome = deliver(batch);
            if (book(outcome)) {
                return;
            }
            if (outcome.cause() == null) {
                backoff = options.initialBackoff();
            } else {
                waitBeforeRetry(backoff);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
            }
        }
    }

    /** Waits for records; null when closing and nothing is left. */
    private List<ProducerRecord<byte[], byte[]>> nextBatch() {
        lock.lock();
        try {
            while (buffer.isEmpty()) {
                if (closing) {
                    return null;
                }
                changed.await();
            }
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            while (!buffer.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(buffer.pollFirst());
            }
            inFlight = batch.size();
            return batch;
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** What became of a batch: {@code failed} (in order) is to be retried, {@code cause} is why. */
    private record Outcome(int delivered, List<ProducerRecord<byte[], byte[]>> failed, int rejected, Throwable cause) {}

    private Outcome deliver(List<ProducerRecord<byte[], byte[]>> batch) {
        List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
        Throwable cause = null;
        for (ProducerRecord<byte[], byte[]> record : batch) {
            Future<RecordMetadata> future;
            try {
                future = producer.send(record);
            } catch (RuntimeException e) {
                // A producer that failed fatally (e.g. an idempotence sequence error) refuses every later send.
                cause = e;
                renewProducer(e);
                break;
            }
            futures.add(future);
            Throwable early = future.isDone() ? errorOf(future) : null;
            if (early != null && isRetriable(early)) {
                // No metadata: each further send would wait max.block.ms again for the same answer.
                cause = early;
                break;
            }
        }
        List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
        int rejectedHere = 0;
        for (int i = 0; i < futures.size(); i++) {
            Throwable error = errorOf(futures.get(i));
            if (error == null) {
                continue;
            }
            if (isRetriable(error)) {
                failed.add(batch.get(i));
                cause = cause == null ? error : cause;
            } else if (++rejectedHere == 1) {
                LOG.warn("Kafka refused a record for topic {}, dropping it: {}", batch.get(i).topic(), error.toString());
            }
        }
        failed.addAll(batch.subList(futures.size(), batch.size()));
        return new Outcome(batch.size() - failed.size() - rejectedHere, failed, rejectedHere, failed.isEmpty() ? null : cause);
    }

    private static Throwable errorOf(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static boolean isRetriable(Throwable error) {
        // Bad credentials or ACLs are fixed by an operator while we wait, like a broker outage.
        return error instanceof RetriableException || error instanceof AuthenticationException
                || error instanceof AuthorizationException || error instanceof InterruptedException;
    }

    /** Books the outcome and puts failures back at the head of the buffer; true when the sender should stop. */
    private boolean book(Outcome outcome) {
        lock.lock();
        try {
            inFlight = 0;
            delivered += outcome.delivered();
            rejected += outcome.rejected();
            if (outcome.cause() == null) {
                if (inOutage) {
                    inOutage = false;
                    LOG.info("Kafka reachable again after {} s: resending {} buffered records; {} records dropped during the outage",
                            (System.currentTimeMillis() - outageStartedAtMs) / 1000, outcome.delivered() + buffer.size(),
                            dropped - droppedAtOutageStart);
                }
                return false;
            }
            for (int i = outcome.failed().size() - 1; i >= 0; i--) {
                buffer.addFirst(outcome.failed().get(i));
            }
            trimToCapacity();
            if (!inOutage) {
                inOutage = true;
                outages++;
                outageStartedAtMs = System.currentTimeMillis();
                droppedAtOutageStart = dropped;
                LOG.warn("Kafka {} unreachable ({}): buffering up to {} records and retrying; the oldest are dropped beyond that",
                        options.bootstrapServers(), outcome.cause().toString(), options.bufferCapacity());
            }
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private void waitBeforeRetry(Duration backoff) {
        lock.lock();
        try {
            if (!closing) {
                changed.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void trimToCapacity() {
        while (buffer.size() > options.bufferCapacity()) {
            buffer.pollFirst();
            dropped++;
        }
    }

    private void renewProducer(Throwable cause) {
        if (isClosing()) {
            return;
        }
        LOG.warn("replacing the Kafka producer after {}", cause.toString());
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // it is being replaced because it is broken
        }
        producer = new KafkaProducer<>(producerConfig);
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private static Map<String, Object> producerConfig(KafkaPublisherOptions options) {
        Map<String, Object> config = new HashMap<>();
        // Defaults that keep a dead broker from holding a batch for minutes; client properties may change them.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.putAll(options.clientProperties());
        // Not negotiable: no loss on a leader change, no duplicates on retry.
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }
}
