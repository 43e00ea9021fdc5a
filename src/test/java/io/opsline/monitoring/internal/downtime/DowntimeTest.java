package io.opsline.monitoring.internal.downtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DowntimeTest {

    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-05-01T12:00:00Z");

    private static Downtime downtime(Instant cancelledAt) {
        return new Downtime(UUID.randomUUID(), new Scope.WholeCi(UUID.randomUUID(), false), "alice", "patching",
                new Schedule.Once(new Window(START, END)), START.minusSeconds(3600), cancelledAt,
                cancelledAt == null ? null : "bob");
    }

    @Test
    void isUpcomingThenActiveThenEnded() {
        var downtime = downtime(null);
        assertThat(downtime.status(START.minusSeconds(1))).isEqualTo(DowntimeStatus.UPCOMING);
        assertThat(downtime.status(START)).isEqualTo(DowntimeStatus.ACTIVE);
        assertThat(downtime.status(END)).isEqualTo(DowntimeStatus.ENDED);
    }

    @Test
    void aCancelledDowntimeIsCancelledWhateverItsSchedule() {
        assertThat(downtime(START.plusSeconds(60)).status(START.plusSeconds(120))).isEqualTo(DowntimeStatus.CANCELLED);
    }
}
