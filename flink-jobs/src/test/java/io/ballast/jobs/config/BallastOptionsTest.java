package io.ballast.jobs.config;

import io.ballast.jobs.live.JobArgs;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BallastOptionsTest {
    @Test
    void everyOptionIsListedOnceWithAUniqueKeyAndADescription() throws Exception {
        List<ConfigOption<?>> declared = new ArrayList<>();
        for (Field f : BallastOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                declared.add((ConfigOption<?>) f.get(null));
            }
        }
        assertThat(BallastOptions.ALL).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(BallastOptions.ALL.stream().map(ConfigOption::key)).doesNotHaveDuplicates().allMatch(k -> k.startsWith("ballast."));
        assertThat(BallastOptions.ALL).allMatch(o -> !o.description().toString().isBlank());
    }

    @Test
    void settingsParseToTheirTypesAndTyposAreRefused() throws Exception {
        Configuration conf = JobArgs.parse(new String[] {"--set", "ballast.guard.window=90s", "--set", "ballast.moe.update-rate=0.002"});
        assertThat(conf.get(BallastOptions.GUARD_WINDOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(conf.get(BallastOptions.MOE_UPDATE_RATE)).isEqualTo(0.002);
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"--set", "ballast.guard.windw=90s"}))
                .hasMessage("unknown setting 'ballast.guard.windw'");
    }
}
