package io.ballast.collectors.publish;

import org.apache.avro.specific.SpecificRecord;

/** Where collectors send their records. {@link #publish} never blocks on the network and never throws for an outage. */
public interface RecordPublisher extends AutoCloseable {
    void publish(SpecificRecord record);

    @Override
    void close();
}
