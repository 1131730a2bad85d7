package io.ballast.jobs.state;

import io.ballast.jobs.hardware.NodeHardware;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Keyed state types and keys with serializers of their own: the ones a large fleet holds per node. */
public final class StateTypes {
    public static final TypeInformation<NodeHardware> NODE_HARDWARE = new SerializerTypeInfo<>(NodeHardware.class, NodeGpusSerializer::new, false);
    /** Strings that key a stream or a map state with an entry per node or port. */
    public static final TypeInformation<String> KEY = new SerializerTypeInfo<>(String.class, () -> Utf8StringSerializer.INSTANCE, true);

    private StateTypes() {}
}
