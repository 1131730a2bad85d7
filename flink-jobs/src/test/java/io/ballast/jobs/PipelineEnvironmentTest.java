package io.ballast.jobs;

import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.io.RawRecord;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run's environment and graph are set up: network buffer size in process, the hardware operator's subtasks. */
class PipelineEnvironmentTest {
    @Test
    void anInProcessRunGetsLargerNetworkBuffersUnlessItsConfigurationSizesThem() {
        ReadableConfig defaults = BallastPipeline.environment(new Configuration()).getConfiguration();
        assertThat(defaults.get(TaskManagerOptions.MEMORY_SEGMENT_SIZE)).isEqualTo(MemorySize.parse("128kb"));
        assertThat(defaults.get(TaskManagerOptions.NETWORK_MEMORY_MAX)).as("1,024 buffers of 128 KiB")
                .isEqualTo(MemorySize.parse("128mb"));
        Configuration sized = new Configuration();
        sized.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("64kb"));
        assertThat(BallastPipeline.environment(sized).getConfiguration().get(TaskManagerOptions.MEMORY_SEGMENT_SIZE))
                .isEqualTo(MemorySize.parse("64kb"));
        assertThat(BallastPipeline.environment(sized).getConfiguration().getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX)).isEmpty();
    }

    @Test
    void theHardwareOperatorTakesItsOwnParallelismWhenSetAndTheJobsOtherwise() {
        assertThat(parallelismByUid(new Configuration())).containsEntry("hardware-node", 3).containsEntry("decode", 3);
        Configuration conf = new Configuration();
        conf.set(BallastOptions.HARDWARE_PARALLELISM, 2);
        assertThat(parallelismByUid(conf)).containsEntry("hardware-node", 2).containsEntry("decode", 3).containsEntry("hardware-correlation", 3);
    }

    private static Map<String, Integer> parallelismByUid(Configuration conf) {
        StreamExecutionEnvironment env = BallastPipeline.environment(conf);
        env.setParallelism(3);
        RawRecord none = new RawRecord("none", new byte[0], false, 0, null);
        BallastPipeline.build(TelemetryStreams.decode(env.fromData(none), conf), conf).drains().print();
        return env.getStreamGraph().getStreamNodes().stream().filter(n -> n.getTransformationUID() != null)
                .collect(Collectors.toMap(StreamNode::getTransformationUID, StreamNode::getParallelism));
    }
}
