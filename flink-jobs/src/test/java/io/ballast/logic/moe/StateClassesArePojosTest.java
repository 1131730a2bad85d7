package io.ballast.logic.moe;

import io.ballast.logic.stability.CheckpointRegistryState;
import io.ballast.logic.stability.SdcState;
import io.ballast.logic.stability.SpikeState;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lead keeps these in Flink keyed state: they must use Flink's POJO serializer, not Kryo. */
class StateClassesArePojosTest {

    @ParameterizedTest
    @ValueSource(classes = {StepAggregationState.class, BiasState.class, BalanceState.class, SpikeState.class,
            CheckpointRegistryState.class, SdcState.class})
    void serializedAsPojoWithoutKryo(Class<?> stateClass) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(stateClass);
    }
}
