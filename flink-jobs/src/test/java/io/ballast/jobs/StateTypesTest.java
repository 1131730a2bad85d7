package io.ballast.jobs;

import io.ballast.jobs.guard.DecisionBuffer;
import io.ballast.jobs.guard.FiringAlert;
import io.ballast.jobs.hardware.HeldDecisions;
import io.ballast.jobs.hardware.NodeFacts;
import io.ballast.jobs.moe.JobPlacement;
import io.ballast.jobs.stability.EvidenceLog;
import io.ballast.jobs.stability.LastRollback;
import io.ballast.jobs.stability.PendingRollback;
import io.ballast.logic.moe.BalanceState;
import io.ballast.logic.moe.BiasState;
import io.ballast.logic.moe.DegradedGpu;
import io.ballast.logic.moe.RollingMaxVio;
import io.ballast.logic.moe.StepAggregationState;
import io.ballast.logic.stability.CheckpointRegistryState;
import io.ballast.logic.stability.SdcState;
import io.ballast.logic.stability.SpikeState;
import io.ballast.rules.hardware.DrainGuard;
import io.ballast.rules.hardware.SwitchCorrelator;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keyed-state type is a Flink POJO all the way down: Kryo would make each checkpoint slow and the state
 * unreadable after a class change (no schema evolution).
 */
class StateTypesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {NodeFacts.class, HeldDecisions.class, DecisionBuffer.class,
            FiringAlert.class, JobPlacement.class, EvidenceLog.class, LastRollback.class, PendingRollback.class,
            BalanceState.class, BiasState.class, DegradedGpu.class, RollingMaxVio.class, StepAggregationState.class,
            CheckpointRegistryState.class, SdcState.class, SpikeState.class, DrainGuard.class, SwitchCorrelator.class})
    void keyedStateTypesSerializeAsPojosWithoutKryo(Class<?> stateType) {
        TypeInformation<?> type = TypeInformation.of(stateType);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(genericPaths(type, stateType.getSimpleName())).as("fields serialized by Kryo").isEmpty();
    }

    private static List<String> genericPaths(TypeInformation<?> type, String path) {
        List<String> found = new ArrayList<>();
        if (type instanceof GenericTypeInfo<?>) {
            found.add(path + ": " + type.getTypeClass().getName());
        } else if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                String name = composite instanceof PojoTypeInfo<?> pojo ? pojo.getPojoFieldAt(i).getField().getName() : "#" + i;
                found.addAll(genericPaths(composite.getTypeAt(i), path + "." + name));
            }
        } else if (type instanceof ListTypeInfo<?> list) {
            found.addAll(genericPaths(list.getElementTypeInfo(), path + "[]"));
        } else if (type instanceof MapTypeInfo<?, ?> map) {
            found.addAll(genericPaths(map.getKeyTypeInfo(), path + "{key}"));
            found.addAll(genericPaths(map.getValueTypeInfo(), path + "{value}"));
        }
        return found;
    }
}
