package io.ballast.jobs.reliability;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.contract.Topics;
import io.ballast.embedded.junit.KafkaExtension;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.kafka.TopicAdmin;
import io.ballast.sim.FaultKind;
import io.ballast.sim.FaultScript;
import io.ballast.sim.FleetSimulator;
import io.ballast.sim.KafkaTraceSink;
import io.ballast.sim.SimConfig;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input corpus on the real broker, through the live job: each bad message is one committed dead letter
 * naming its topic/partition/offset and the reason, and the Xid 79 sent after them still drains its node.
 */
class BadInputLiveTest {
    @RegisterExtension
    static KafkaExtension kafka = new KafkaExtension();

    static final SimConfig SIM = SimConfig.defaults().withDuration(Duration.ofSeconds(100));

    @Test
    void badMessagesBecomeDeadLettersAndTheJobKeepsActing() throws Exception {
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        FleetSimulator sim = new FleetSimulator(SIM, FaultScript.of(FaultScript.ScriptedFault.after(FaultKind.XID_79, Duration.ofSeconds(70))));
        List<SpecificRecord> trace = Traces.all(sim.records());
        long spliceTs = SIM.startTs() + Duration.ofSeconds(40).toMillis();
        int splice = Traces.firstAtOrAfter(trace, spliceTs);
        List<SpecificRecord> before = trace.subList(0, splice);
        GpuSample gpu = Traces.last(before, GpuSample.class);
        NicCounters nic = Traces.last(before, NicCounters.class);
        ExpertLoad load = Traces.last(before, ExpertLoad.class);
        Xid xid = Xid.newBuilder().setTs(gpu.getTs()).setNode(gpu.getNode()).setGpu(0).setXid(13).setMessage("Graphics SM Warp Exception").build();
        List<BadInput> corpus = new ArrayList<>(BadInputCorpus.kafkaPayloads(gpu, nic, load, xid, spliceTs));
        // JSON is not what Kafka carries: every JSON entry that fits a Kafka message is bad input there.
        BadInputCorpus.jsonLines(gpu, nic, load, xid, spliceTs).stream().filter(b -> b.payload().length < 512 * 1024)
                .map(b -> new BadInput("JSON on Kafka: " + b.name(), b.payload(), true, "not Avro single-object encoding"))
                .forEach(corpus::add);

        JobClient job = LiveJobRun.start(kafka.bootstrapServers(), Map.of());
        try (KafkaTraceSink sink = new KafkaTraceSink(kafka.bootstrapServers());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20),
                     new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> out = CommittedReader.open(kafka.bootstrapServers(), Topics.DEAD_LETTER, Topics.ACTIONS_DRAIN)) {
            before.forEach(sink::write);
            sink.flush();
            for (BadInput bad : corpus) {
                raw.send(new ProducerRecord<>(Topics.TELEMETRY_GPU, gpu.getNode().getBytes(), bad.payload())).get();
            }
            trace.subList(splice, trace.size()).forEach(sink::write);
            sink.flush();

            List<BadInput> expectedDead = corpus.stream().filter(BadInput::deadLetter).toList();
            List<DeadLetter> dead = new ArrayList<>();
            List<Drain> drains = new ArrayList<>();
            await("dead letters and the Xid 79 drain committed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : out.poll(Duration.ofMillis(500))) {
                    SpecificRecord record = decode(r.value());
                    if (record instanceof DeadLetter d) {
                        dead.add(d);
                    } else if (record instanceof Drain d) {
                        drains.add(d);
                    }
                }
                return dead.size() >= expectedDead.size() && !drains.isEmpty();
            });
            assertThat(dead).hasSameSizeAs(expectedDead);
            dead.sort(java.util.Comparator.comparingLong(d -> Long.parseLong(d.getSource().substring(d.getSource().lastIndexOf('/') + 1))));
            for (int i = 0; i < expectedDead.size(); i++) {
                assertThat(dead.get(i).getSource()).as(expectedDead.get(i).name()).startsWith(Topics.TELEMETRY_GPU + "/");
                assertThat(dead.get(i).getReason()).as(expectedDead.get(i).name()).contains(expectedDead.get(i).reason());
            }
            assertThat(drains).extracting(Drain::getNode).containsExactlyElementsOf(BadInputReplayTest.drainNodes(sim));
            System.out.printf("bad-input live: %d messages, %d dead letters, %d absorbed%n",
                    corpus.size(), dead.size(), corpus.size() - expectedDead.size());
        } finally {
            job.cancel().get();
        }
    }

    private static SpecificRecord decode(byte[] value) {
        try {
            return AvroCodec.decode(value);
        } catch (DecodeException e) {
            throw new AssertionError("the job wrote an undecodable record: " + e.getMessage(), e);
        }
    }
}
