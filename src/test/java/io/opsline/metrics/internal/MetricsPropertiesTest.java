package io.opsline.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which rollups the settings keep. */
class MetricsPropertiesTest {

    private static MetricsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("opsline.metrics",
                MetricsProperties.class);
    }

    @Test
    void rollsUpToFiveMinutesAndAnHourByDefault() {
        assertThat(bind(Map.of()).rollups()).extracting(MetricsProperties.Rollup::resolution)
                .containsExactly(Duration.ofMinutes(5), Duration.ofHours(1));
    }

    @Test
    void aResolutionWithoutRetentionOrWiderThanABlockIsNotRolledUp() {
        assertThat(bind(Map.of("opsline.metrics.retention.five-minutes", "0")).rollups())
                .extracting(MetricsProperties.Rollup::resolution).containsExactly(Duration.ofHours(1));
        assertThat(bind(Map.of("opsline.metrics.block-duration", "30m")).rollups())
                .extracting(MetricsProperties.Rollup::resolution).containsExactly(Duration.ofMinutes(5));
        assertThat(bind(Map.of("opsline.metrics.block-duration", "1m")).rollups()).isEmpty();
    }
}
