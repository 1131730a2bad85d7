package io.ballast.jobs.replay;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.DeadLetter;
import io.ballast.events.Drain;
import io.ballast.events.Rollback;
import io.ballast.jobs.BallastPipeline;
import io.ballast.jobs.Outputs;
import io.ballast.jobs.config.BallastOptions;
import io.ballast.jobs.decode.TelemetryStreams;
import io.ballast.jobs.io.NumberedLineFormat;
import io.ballast.jobs.io.RawRecord;
import io.ballast.jobs.live.SideSinks;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded run of the same pipeline over a JSON Lines trace: event time from {@code ts}, every action
 * out as JSON Lines, dead letters to a side file. Deterministic: outputs are sorted (actions by time,
 * dead letters by line) and nothing depends on wall-clock time, so the same input gives the same bytes.
 */
public final class Replay {
    private Replay() {}

    public static ReplaySummary run(Path input, Path output, Path deadLetterFile, Configuration settings) throws Exception {
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("cannot read trace " + input);
        }
        Configuration conf = new Configuration(settings);
        conf.set(BallastOptions.IDLENESS, Duration.ZERO);

        StreamExecutionEnvironment env = BallastPipeline.environment(conf);
        env.setParallelism(1);
        BallastPipeline.configure(env);
        FileSource<RawRecord> source = FileSource.forRecordStreamFormat(
                        new NumberedLineFormat(input.getFileName().toString(), conf.get(BallastOptions.MAX_LINE_BYTES)),
                        new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri()))
                .build();
        DataStream<RawRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "Trace " + input.getFileName()).uid("trace-source");
        Outputs outputs = BallastPipeline.build(TelemetryStreams.decode(raw, conf), conf);
        SideSinks.attachInflux(outputs, conf);
        // Named functions, not OutputLine::of: javac's deserialisation of one method reference used with
        // several element types hands every map the first one's cast (a ClassCastException at run time).
        DataStream<OutputLine> lines = outputs.drains().map(new ToLine<Drain>()).name("Drain lines")
                .union(outputs.rollbacks().map(new ToLine<Rollback>()).name("Rollback lines"),
                        outputs.biasUpdates().map(new ToLine<BiasUpdate>()).name("Bias lines"),
                        outputs.alerts().map(new ToLine<Alert>()).name("Alert lines"),
                        outputs.deadLetters().map(new ToLine<DeadLetter>()).name("Dead letter lines"));

        List<OutputLine> actions = new ArrayList<>();
        List<OutputLine> deadLetters = new ArrayList<>();
        JobExecutionResult result;
        try (CloseableIterator<OutputLine> it = lines.collectAsync()) {
            JobClient client = env.executeAsync("ballast replay " + input.getFileName());
            while (it.hasNext()) {
                OutputLine line = it.next();
                (line.deadLetter ? deadLetters : actions).add(line);
            }
            result = client.getJobExecutionResult().get();
        }
        actions.sort(OutputLine.ACTION_ORDER);
        deadLetters.sort(OutputLine.DEAD_LETTER_ORDER);
        write(output, actions);
        if (deadLetterFile != null) {
            write(deadLetterFile, deadLetters);
        }
        Map<String, Long> byType = new TreeMap<>();
        actions.forEach(a -> byType.merge(a.type, 1L, Long::sum));
        Long recordsIn = result.getAccumulatorResult(RECORDS_IN);
        return new ReplaySummary(recordsIn == null ? 0 : recordsIn, byType, deadLetters.size());
    }

    private static final class ToLine<T extends SpecificRecord> implements MapFunction<T, OutputLine> {
        @Override
        public OutputLine map(T record) {
            return OutputLine.of(record);
        }
    }

    /** Accumulator the decoder counts raw records in. */
    public static final String RECORDS_IN = "records_in";

    private static void write(Path file, List<OutputLine> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (OutputLine line : lines) {
                w.write(line.json);
                w.write('\n');
            }
        }
    }
}
