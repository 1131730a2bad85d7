package io.ballast.codec;

import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;

import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordFactoryTest {
    @Test
    void eachCallGivesANewEmptyInstanceOfTheClass() {
        Supplier<GpuSample> gpu = RecordFactory.of(GpuSample.class);
        GpuSample a = gpu.get();
        GpuSample b = gpu.get();

        assertThat(a).isNotSameAs(b).isEqualTo(new GpuSample());
        assertThat(RecordFactory.of(NicCounters.class).get()).isInstanceOf(NicCounters.class).isEqualTo(new NicCounters());
    }

    @Test
    void aClassWithoutANoArgConstructorIsRefusedByName() {
        assertThatThrownBy(() -> RecordFactory.of(Integer.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
    }
}
