package io.ballast.jobs.hardware;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * The three inputs of {@link NodeHardwareFunction} as one keyed stream: a NIC sample on the left, an Xid or a GPU sample
 * on the right. Flink's {@link Either} carries them across the exchange with the streams' own serializers.
 */
public final class NodeInput {
    private NodeInput() {}

    public static Either<NicCounters, Either<Xid, GpuSample>> nic(NicCounters sample) {
        return Either.Left(sample);
    }

    public static Either<NicCounters, Either<Xid, GpuSample>> xid(Xid xid) {
        return Either.Right(Either.Left(xid));
    }

    public static Either<NicCounters, Either<Xid, GpuSample>> gpu(GpuSample sample) {
        return Either.Right(Either.Right(sample));
    }

    static TypeInformation<Either<NicCounters, Either<Xid, GpuSample>>> type(TypeInformation<NicCounters> nic,
                                                                             TypeInformation<Xid> xid, TypeInformation<GpuSample> gpu) {
        return new EitherTypeInfo<>(nic, new EitherTypeInfo<>(xid, gpu));
    }

    // Named classes, not lambdas: Either's type parameters are erased from lambdas.
    static final class OfNic implements MapFunction<NicCounters, Either<NicCounters, Either<Xid, GpuSample>>> {
        @Override
        public Either<NicCounters, Either<Xid, GpuSample>> map(NicCounters sample) {
            return nic(sample);
        }
    }

    static final class OfXid implements MapFunction<Xid, Either<NicCounters, Either<Xid, GpuSample>>> {
        @Override
        public Either<NicCounters, Either<Xid, GpuSample>> map(Xid xid) {
            return xid(xid);
        }
    }

    static final class OfGpu implements MapFunction<GpuSample, Either<NicCounters, Either<Xid, GpuSample>>> {
        @Override
        public Either<NicCounters, Either<Xid, GpuSample>> map(GpuSample sample) {
            return gpu(sample);
        }
    }
}
