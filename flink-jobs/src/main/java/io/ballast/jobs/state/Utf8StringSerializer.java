package io.ballast.jobs.state;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Strings as a length and their UTF-8 bytes in one write. For node keys and per-port map keys: a checkpoint of a
 * large fleet writes every key of every state and timer, and Flink's {@code StringSerializer} makes a call per char.
 */
public final class Utf8StringSerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;
    public static final Utf8StringSerializer INSTANCE = new Utf8StringSerializer();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    @Override
    public void serialize(String s, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // One write of length and bytes: DataOutputStream.writeInt alone makes four calls into the checkpoint stream.
        byte[] block = new byte[4 + bytes.length];
        INT.set(block, 0, bytes.length);
        System.arraycopy(bytes, 0, block, 4, bytes.length);
        out.write(block);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt string: length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override public String deserialize(String reuse, DataInputView in) throws IOException { return deserialize(in); }
    @Override public void copy(DataInputView in, DataOutputView out) throws IOException { serialize(deserialize(in), out); }
    @Override public String copy(String from) { return from; }
    @Override public String copy(String from, String reuse) { return from; }
    @Override public String createInstance() { return ""; }
    @Override public boolean isImmutableType() { return true; }
    @Override public int getLength() { return -1; }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout has no parameters: the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
