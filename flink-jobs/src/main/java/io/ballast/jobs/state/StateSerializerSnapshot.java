package io.ballast.jobs.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * Names a {@link StateSerializer} and the layout version it wrote. A checkpoint restores as-is into the same layout,
 * after migration from an older layout the serializer still reads ({@link StateSerializer#reading}); any other layout
 * is refused at restore instead of being misread.
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

    /** Reads the layout the checkpoint was written in; a layout this build cannot read fails the restore by name. */
    @Override
    public TypeSerializer<T> restoreSerializer() {
        StateSerializer<T> reader = InstantiationUtil.instantiate(serializer).reading(layout);
        if (reader == null) {
            throw new IllegalStateException("state written by " + serializer.getSimpleName() + " in layout " + layout
                    + ", which this build does not read (docs/operations.md, Upgrades)");
        }
        return reader;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (!(old instanceof StateSerializerSnapshot<T> o) || o.serializer != serializer) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (o.layout == layout) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return InstantiationUtil.instantiate(serializer).reading(o.layout) != null
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
