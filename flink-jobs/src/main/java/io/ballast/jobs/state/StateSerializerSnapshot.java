package io.ballast.jobs.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * Names a {@link StateSerializer} and the layout version it wrote. A checkpoint restores as-is into the same layout;
 * a changed layout is refused at restore instead of being misread.
 */
public final class StateSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private Class<? extends StateSerializer<T>> serializer;
    private int layout;

    /** For Flink, which reads the fields back with {@link #readSnapshot}. */
    public StateSerializerSnapshot() {}

    @SuppressWarnings("unchecked")
    StateSerializerSnapshot(StateSerializer<T> serializer) {
        this.serializer = (Class<? extends StateSerializer<T>>) serializer.getClass();
        this.layout = serializer.layout();
    }

    @Override public int getCurrentVersion() { return 1; }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(serializer.getName());
        out.writeInt(layout);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
        Class<?> type = InstantiationUtil.resolveClassByName(in, classLoader, StateSerializer.class);
        serializer = (Class<? extends StateSerializer<T>>) (Class) type;
        layout = in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return InstantiationUtil.instantiate(serializer);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        return old instanceof StateSerializerSnapshot<T> o && o.serializer == serializer && o.layout == layout
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
