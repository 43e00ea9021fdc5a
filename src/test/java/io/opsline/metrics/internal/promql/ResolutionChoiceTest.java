package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.internal.promql.QuerySettings.Resolution;

class ResolutionChoiceTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long NOW = 1_800_000_000_000L;

    /** Raw for 15 days, 5-minute rollups for 90, hourly ones for two years. */
    private final QuerySettings settings = QuerySettings.defaults().withResolutions(List.of(
            new Resolution(0, Duration.ofDays(15)), new Resolution(5 * MINUTE, Duration.ofDays(90)),
            new Resolution(HOUR, Duration.ofDays(730))));

    @Test
    void rawSamplesWhileTheyReachBackToTheStart() {
        assertThat(settings.resolutionFor(HOUR, 0, NOW - 10 * DAY, NOW)).isZero();
        assertThat(settings.resolutionFor(HOUR, 2 * HOUR, NOW - 10 * DAY, NOW)).isZero();
    }

    @Test
    void theFinestRollupThatReachesBackWhenRawSamplesDoNot() {
        assertThat(settings.resolutionFor(HOUR, 0, NOW - 30 * DAY, NOW)).isEqualTo(5 * MINUTE);
        assertThat(settings.resolutionFor(HOUR, 2 * HOUR, NOW - 30 * DAY, NOW)).isEqualTo(5 * MINUTE);
        assertThat(settings.resolutionFor(3 * HOUR, 2 * HOUR, NOW - 200 * DAY, NOW)).isEqualTo(HOUR);
    }

    @Test
    void aRollupMustFitTheStepTheWindowAndTheLookback() {
        // Steps of a minute: no bucket is that narrow.
        assertThat(settings.resolutionFor(MINUTE, 0, NOW - 30 * DAY, NOW)).isZero();
        // A 5-minute window holds fewer than two 5-minute buckets.
        assertThat(settings.resolutionFor(HOUR, 5 * MINUTE, NOW - 30 * DAY, NOW)).isZero();
        // An instant selector finds no hourly bucket within a 5-minute lookback: 5-minute rollups, though they end sooner.
        assertThat(settings.resolutionFor(6 * HOUR, 0, NOW - 200 * DAY, NOW)).isEqualTo(5 * MINUTE);
    }

    @Test
    void anInstantQueryReadsRawSamples() {
        assertThat(settings.resolutionFor(0, HOUR, NOW - 30 * DAY, NOW)).isZero();
    }
}
