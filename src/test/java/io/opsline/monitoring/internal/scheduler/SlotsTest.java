package io.opsline.monitoring.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.state.CheckStatus;

class SlotsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.250Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void spreadsManyChecksEvenlyOverTheirInterval() {
        var perSecond = new int[60];
        int checks = 60_000;
        // A fixed seed: the same ids every run, so the test cannot fail by chance.
        var random = new Random(42);
        for (int i = 0; i < checks; i++) {
            var first = Slots.first(new UUID(random.nextLong(), random.nextLong()), MINUTE, NOW);
            assertThat(first).isBetween(NOW, NOW.plus(MINUTE));
            perSecond[(int) (Duration.between(NOW, first).toMillis() / 1000)]++;
        }
        // 1,000 a second on average; a fair spread keeps every second within a few percent of it.
        for (var count : perSecond) {
            assertThat(count).isBetween(850, 1150);
        }
    }

    @Test
    void aCheckKeepsItsSlotAcrossRestarts() {
        var id = UUID.randomUUID();
        var first = Slots.first(id, MINUTE, NOW);
        var later = Slots.first(id, MINUTE, NOW.plus(Duration.ofHours(5)).plusMillis(123));
        assertThat(Duration.between(first, later).toMillis() % MINUTE.toMillis()).isZero();
    }

    @Test
    void theNextSlotKeepsThePhaseAndSkipsMissedOnes() {
        var due = NOW;
        assertThat(Slots.next(due, MINUTE, NOW.plusMillis(40))).isEqualTo(NOW.plus(MINUTE));
        // Run 3.5 intervals late: the three missed slots are skipped, the phase kept.
        assertThat(Slots.next(due, MINUTE, NOW.plusSeconds(210))).isEqualTo(NOW.plusSeconds(240));
        // Exactly on a later slot counts as missed: the next one is still ahead.
        assertThat(Slots.next(due, MINUTE, NOW.plusSeconds(120))).isEqualTo(NOW.plusSeconds(180));
    }

    @Test
    void retriesAnUnconfirmedProblemAtTheRetryInterval() {
        var retry = Duration.ofSeconds(15);
        var fine = CheckStatus.initial(ServiceState.OK, NOW);
        var soft = new CheckStatus<>(ServiceState.CRITICAL, StateType.SOFT, 1, NOW, null, ServiceState.OK);
        var hard = new CheckStatus<>(ServiceState.CRITICAL, StateType.HARD, 3, NOW, NOW, ServiceState.CRITICAL);
        assertThat(Slots.interval(fine, MINUTE, retry)).isEqualTo(MINUTE);
        assertThat(Slots.interval(soft, MINUTE, retry)).isEqualTo(retry);
        assertThat(Slots.interval(hard, MINUTE, retry)).isEqualTo(MINUTE);
    }
}
