package io.ballast.jobs.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * What Ballast's hand-written serializers of mutable, variable-length state values have in common. A subclass has a
 * public no-argument constructor (restores make one) and bumps {@link #layout} whenever what it writes changes.
 */
abstract class StateSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The version of what {@code serialize} writes. */
    int layout() { return 1; }

    /** A serializer of this class that reads what {@code layout} wrote, for a restore; null when this build cannot. */
    StateSerializer<T> reading(int layout) {
        return layout == layout() ? this : null;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new StateSerializerSnapshot<>(this);
    }

    /** A fresh instance: serializers may keep scratch buffers, and every thread gets its own. */
    @Override
    public TypeSerializer<T> duplicate() {
        return InstantiationUtil.instantiate(getClass());
    }

    @Override public T copy(T from, T reuse) { return copy(from); }
    @Override public T deserialize(T reuse, DataInputView in) throws IOException { return deserialize(in); }
    @Override public void copy(DataInputView in, DataOutputView out) throws IOException { serialize(deserialize(in), out); }
    @Override public boolean isImmutableType() { return false; }
    @Override public int getLength() { return -1; }
    /** Stateless apart from scratch space: equal when of the same class. */
    @Override public boolean equals(Object o) { return o != null && o.getClass() == getClass(); }
    @Override public int hashCode() { return getClass().hashCode(); }

    /** A count read back from a checkpoint, checked before anything is allocated for it. */
    static int count(DataInputView in, int max, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("corrupt " + what + ": count " + n);
        }
        return n;
    }
}
