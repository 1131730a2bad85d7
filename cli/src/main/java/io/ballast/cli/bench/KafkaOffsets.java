package io.ballast.cli.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** End offsets of topics and the offsets a consumer group has committed, from the broker's admin API. */
public final class KafkaOffsets implements AutoCloseable {
    private final Admin admin;

    public KafkaOffsets(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Sum over {@code partitions} of what {@code group} has committed (0 where nothing is). */
    public long committed(String group, Collection<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = committed.get(tp);
            sum += o == null ? 0 : o.offset();
        }
        return sum;
    }

    @Override
    public void close() {
        admin.close();
    }
}
