package io.opsline.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CounterSampleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theRateIsTheIncreasePerSecond() {
        var earlier = new CounterSample(1000, T0);
        var now = new CounterSample(7000, T0.plusSeconds(60));
        assertThat(now.perSecondSince(earlier).getAsDouble()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aCounterThatWentDownWasResetAndCountsFromZero() {
        var earlier = new CounterSample(1_000_000, T0);
        var now = new CounterSample(300, T0.plusSeconds(10));
        assertThat(now.perSecondSince(earlier).getAsDouble()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void noRateWithoutAnEarlierReadingOrTimeBetween() {
        var now = new CounterSample(5, T0);
        assertThat(now.perSecondSince(null)).isEmpty();
        assertThat(now.perSecondSince(new CounterSample(1, T0))).isEmpty();
        assertThat(now.perSecondSince(new CounterSample(1, T0.plusSeconds(1)))).isEmpty();
    }

    @Test
    void aFixedWidthCounterThatWrappedCountsPastTheTop() {
        var wrapsAt = Math.pow(2, 32);
        var earlier = new CounterSample(wrapsAt - 100, T0);
        var now = new CounterSample(900, T0.plusSeconds(10));
        assertThat(now.perSecondSince(earlier, wrapsAt).getAsDouble()).isCloseTo(100.0, within(1e-9));
    }
}
