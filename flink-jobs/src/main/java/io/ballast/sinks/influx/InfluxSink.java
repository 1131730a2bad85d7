package io.ballast.sinks.influx;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Flink sink that writes each element's points through an {@link InfluxWriter}. Dashboards are
 * best effort: a checkpoint does not wait for InfluxDB (an outage must not stall the job), only
 * the end of a bounded input does, up to the flush timeout.
 */
public final class InfluxSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final InfluxWriterConfig config;
    private final PointMapper<T> mapper;

    public InfluxSink(InfluxWriterConfig config, PointMapper<T> mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /** A sink with default batching and retries, e.g. {@code InfluxSink.of(url, "ballast", InfluxPoints::drain)}. */
    public static <T> InfluxSink<T> of(String url, String database, PointMapper<T> mapper) {
        return new InfluxSink<>(InfluxWriterConfig.of(url, database), mapper);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(new InfluxWriter(config), mapper, config.flushTimeout());
    }

    /** Per-subtask writer: maps, buffers, never throws for one bad element. */
    private static final class Writer<T> implements SinkWriter<T> {
        private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);

        private final InfluxWriter writer;
        private final PointMapper<T> mapper;
        private final Duration endOfInputTimeout;
        private long unmappable;

        Writer(InfluxWriter writer, PointMapper<T> mapper, Duration endOfInputTimeout) {
            this.writer = writer;
            this.mapper = mapper;
            this.endOfInputTimeout = endOfInputTimeout;
        }

        @Override
        public void write(T element, Context context) {
            try {
                writer.write(mapper.apply(element));
            } catch (RuntimeException e) {
                // One element the mapper cannot handle must not fail the job that feeds the dashboards.
                if (unmappable++ % 1000 == 0) {
                    LOG.warn("cannot map element to InfluxDB points ({} so far): {}", unmappable, e.getMessage());
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput && !writer.flush(endOfInputTimeout)) {
                LOG.warn("InfluxDB did not take all points within {}; {} still buffered", endOfInputTimeout, writer.buffered());
            }
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}
