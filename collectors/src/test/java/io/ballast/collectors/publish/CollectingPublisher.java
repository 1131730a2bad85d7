package io.ballast.collectors.publish;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what collectors publish, for tests. */
public final class CollectingPublisher implements RecordPublisher {
    private final List<SpecificRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SpecificRecord record) {
        records.add(record);
    }

    public <T extends SpecificRecord> List<T> published(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {}
}
