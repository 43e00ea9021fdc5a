package io.opsline.servicedesk.internal.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClockReadingTest {

    static final BusinessTime ALWAYS = BusinessTime.allTheTime();
    static final Instant START = Instant.parse("2026-03-16T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static Instant at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aRunningClockWarnsAtItsShareAndIsDueAtItsTarget() {
        var reading = ClockReading.read(ALWAYS, HOUR, 75, START, null, List.of(), at(30));
        assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(reading.warnAt()).isEqualTo(at(45));
        assertThat(reading.dueAt()).isEqualTo(at(60));
        assertThat(reading.remaining(HOUR)).isEqualTo(Duration.ofMinutes(30));
        assertThat(reading.percentage(HOUR)).isEqualTo(50);
        assertThat(reading.counting()).isTrue();
    }

    @Test
    void timeOnHoldDoesNotCountAndMovesTheDueTime() {
        var pauses = List.of(new Pause(at(10), at(40)));
        var reading = ClockReading.read(ALWAYS, HOUR, 75, START, null, pauses, at(50));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(20));
        assertThat(reading.dueAt()).isEqualTo(at(90));
        assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
    }

    @Test
    void aClockOnHoldStandsStill() {
        var pauses = List.of(new Pause(at(10), null));
        var early = ClockReading.read(ALWAYS, HOUR, 75, START, null, pauses, at(20));
        var late = ClockReading.read(ALWAYS, HOUR, 75, START, null, pauses, at(500));
        assertThat(early.state()).isEqualTo(ClockState.PAUSED);
        assertThat(late.state()).isEqualTo(ClockState.PAUSED);
        assertThat(late.elapsed()).isEqualTo(early.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(late.dueAt()).isNull();
        assertThat(late.warnAt()).isNull();
        assertThat(late.counting()).isFalse();
    }

    @Test
    void aClockPausedAfterItsTargetStaysBreachedWithThePastDueTime() {
        var reading = ClockReading.read(ALWAYS, HOUR, 75, START, null, List.of(new Pause(at(70), null)), at(90));
        assertThat(reading.state()).isEqualTo(ClockState.BREACHED);
        assertThat(reading.dueAt()).isEqualTo(at(60));
        assertThat(reading.percentage(HOUR)).isEqualTo(116);
        assertThat(reading.remaining(HOUR)).isZero();
    }

    @Test
    void aStoppedClockIsMetOrBreachedAndCountsNoFurther() {
        var met = ClockReading.read(ALWAYS, HOUR, 75, START, at(50), List.of(new Pause(at(50), null)), at(500));
        assertThat(met.state()).isEqualTo(ClockState.MET);
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(50));
        assertThat(met.warnAt()).isEqualTo(at(45));
        assertThat(met.dueAt()).isNull();
        assertThat(met.counting()).isFalse();

        var late = ClockReading.read(ALWAYS, HOUR, 75, START, at(61), List.of(), at(500));
        assertThat(late.state()).isEqualTo(ClockState.BREACHED);
        assertThat(late.elapsed()).isEqualTo(Duration.ofMinutes(61));
    }

    @Test
    void aReopenedIncidentCountsOnFromTheReopenLeavingTheResolvedTimeOut() {
        var pauses = List.of(new Pause(at(20), at(200)));
        var reading = ClockReading.read(ALWAYS, HOUR, 75, START, null, pauses, at(210));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(reading.dueAt()).isEqualTo(at(240));
    }
}
