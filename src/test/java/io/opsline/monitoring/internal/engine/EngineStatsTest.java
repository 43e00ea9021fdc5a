package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EngineStatsTest {

    @Test
    void percentilesComeFromTheBucketsOfRecordedLateness() {
        var stats = new EngineStats();
        long second = 1_800_000_000L;
        assertThat(stats.window(5, second).checks()).isZero();
        assertThat(stats.window(5, second).p99Millis()).isZero();

        for (int i = 0; i < 98; i++) {
            stats.started(Duration.ofMillis(3), second);
        }
        stats.started(Duration.ofMillis(700), second + 1);
        stats.started(Duration.ofSeconds(2), second + 1);
        // The second still under way is left out.
        assertThat(stats.window(5, second + 1).checks()).isEqualTo(98);
        var window = stats.window(5, second + 2);
        assertThat(window.checks()).isEqualTo(100);
        assertThat(window.perSecond()).isEqualTo(20.0);
        assertThat(window.p50Millis()).isEqualTo(3);
        // The 99th of 100 is the 700 ms one, reported as the upper bound of its 10 % wide bucket.
        assertThat(window.p99Millis()).isBetween(700L, 770L);
        assertThat(window.maxMillis()).isBetween(2000L, 2200L);
        // A minute later the slots have been reused and the old counts are gone.
        stats.started(Duration.ofMillis(1), second + 60);
        assertThat(stats.window(5, second + 61).checks()).isEqualTo(1);
        assertThat(stats.startedTotal()).isEqualTo(101);
        stats.finished();
        assertThat(stats.running()).isEqualTo(100);
    }
}
