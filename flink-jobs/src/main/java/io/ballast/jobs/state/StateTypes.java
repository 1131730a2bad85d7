package io.ballast.jobs.state;

import io.ballast.jobs.hardware.GpuTrack;
import io.ballast.rules.hardware.CounterTracker;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Keyed state types and keys with serializers of their own: the ones a large fleet holds per node, GPU or port. */
public final class StateTypes {
    public static final TypeInformation<CounterTracker> COUNTER_TRACKER = new SerializerTypeInfo<>(CounterTracker.class, CounterTrackerSerializer::new, false);
    public static final TypeInformation<GpuTrack> GPU_TRACK = new SerializerTypeInfo<>(GpuTrack.class, GpuTrackSerializer::new, false);
    /** Strings that key a stream or a map state with an entry per node or port. */
    public static final TypeInformation<String> KEY = new SerializerTypeInfo<>(String.class, () -> Utf8StringSerializer.INSTANCE, true);

    private StateTypes() {}
}
