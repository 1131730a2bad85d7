package io.ballast.jobs.state;

import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Writes a {@link CheckpointedValue}'s remembered bytes when it has them, else encodes it and remembers them. */
abstract class CheckpointedValueSerializer<T extends CheckpointedValue> extends StateSerializer<T> {
    private static final long serialVersionUID = 1L;

    private transient DataOutputSerializer scratch;

    /** What {@code serialize} writes for {@code value}; the bytes a restore reads. */
    abstract void encode(T value, DataOutputView out) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        byte[] bytes = value.encoded();
        if (bytes == null) {
            if (scratch == null) {
                scratch = new DataOutputSerializer(4096);
            }
            scratch.clear();
            encode(value, scratch);
            bytes = scratch.getCopyOfBuffer();
            value.encoded(bytes);
        }
        out.write(bytes);
    }
}
