package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * The inputs of {@link NodeHardwareFunction} as one keyed stream: a GPU or NIC sample's message on the left, an Xid
 * (sparse, decoded before the exchange) on the right.
 */
public final class NodeInput {
    private NodeInput() {}

    public static Either<NodeMessage, Xid> nic(NicCounters sample) {
        return sample(sample);
    }

    public static Either<NodeMessage, Xid> gpu(GpuSample sample) {
        return sample(sample);
    }

    public static Either<NodeMessage, Xid> xid(Xid xid) {
        return Either.Right(xid);
    }

    /** A sample built in code, as the decoder sends one it decoded whole (for tests and tools that start from records). */
    private static Either<NodeMessage, Xid> sample(SpecificRecord sample) {
        return Either.Left(NodeMessage.ofRecord(new RawRecord("record", null, false, 0, null), sample));
    }

    static TypeInformation<Either<NodeMessage, Xid>> type(TypeInformation<Xid> xid) {
        return new EitherTypeInfo<>(NodeMessage.TYPE, xid);
    }

    // Named classes, not lambdas: Either's type parameters are erased from lambdas.
    static final class OfSample implements MapFunction<NodeMessage, Either<NodeMessage, Xid>> {
        @Override
        public Either<NodeMessage, Xid> map(NodeMessage sample) {
            return Either.Left(sample);
        }
    }

    static final class OfXid implements MapFunction<Xid, Either<NodeMessage, Xid>> {
        @Override
        public Either<NodeMessage, Xid> map(Xid xid) {
            return xid(xid);
        }
    }
}
