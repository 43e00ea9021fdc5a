package io.opsline.monitoring.internal.downtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private static Schedule.Weekly weekly(Set<DayOfWeek> days, String startTime, Duration duration, Instant until) {
        return new Schedule.Weekly(days, LocalTime.parse(startTime), duration, BERLIN, LONG_AGO, until);
    }

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void everySundayAtTwoBerlinTimeForThreeHoursInAnOrdinaryMonth() {
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "02:00", Duration.ofHours(3), null);
        var windows = schedule.windows(utc("2026-02-01T00:00:00Z"), utc("2026-02-16T00:00:00Z"));
        assertThat(windows).containsExactly(
                new Window(utc("2026-02-01T01:00:00Z"), utc("2026-02-01T04:00:00Z")),
                new Window(utc("2026-02-08T01:00:00Z"), utc("2026-02-08T04:00:00Z")),
                new Window(utc("2026-02-15T01:00:00Z"), utc("2026-02-15T04:00:00Z")));
        assertThat(schedule.at(berlin("2026-02-08T04:59:59"))).isPresent();
        assertThat(schedule.at(berlin("2026-02-08T05:00:00"))).as("the end is not included").isEmpty();
        assertThat(schedule.at(berlin("2026-02-08T01:59:59"))).isEmpty();
        assertThat(schedule.finalEnd()).isNull();
    }

    @Test
    void aStartTimeTheClocksSkipInSpringMovesForwardByTheGap() {
        // 29 March 2026: Berlin's clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "02:30", Duration.ofHours(3), null);
        var windows = schedule.windows(berlin("2026-03-21T00:00"), berlin("2026-04-06T00:00"));
        assertThat(windows).containsExactly(
                new Window(utc("2026-03-22T01:30:00Z"), utc("2026-03-22T04:30:00Z")),
                // 03:30 CEST, for three hours of real time: until 06:30 CEST.
                new Window(utc("2026-03-29T01:30:00Z"), utc("2026-03-29T04:30:00Z")),
                // Summer time from now on: 02:30 CEST is 00:30 UTC.
                new Window(utc("2026-04-05T00:30:00Z"), utc("2026-04-05T03:30:00Z")));
        assertThat(windows.get(1).start()).isEqualTo(berlin("2026-03-29T03:30"));
        assertThat(windows.get(1).end()).isEqualTo(berlin("2026-03-29T06:30"));
    }

    @Test
    void aWindowOverTheSpringChangeLastsItsDurationInRealTime() {
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "01:00", Duration.ofHours(3), null);
        var window = schedule.at(berlin("2026-03-29T01:30")).orElseThrow();
        assertThat(window.start()).isEqualTo(utc("2026-03-29T00:00:00Z"));
        // Three hours after 01:00 CET is 05:00 CEST on the wall clock, an hour "later" than usual.
        assertThat(window.end()).isEqualTo(berlin("2026-03-29T05:00"));
    }

    @Test
    void aStartTimeThatOccursTwiceInAutumnTakesTheFirst() {
        // 25 October 2026: at 03:00 CEST the clocks go back to 02:00 CET; 02:30 happens twice.
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "02:30", Duration.ofHours(1), null);
        var windows = schedule.windows(berlin("2026-10-17T00:00"), berlin("2026-11-02T00:00"));
        assertThat(windows).containsExactly(
                new Window(utc("2026-10-18T00:30:00Z"), utc("2026-10-18T01:30:00Z")),
                // 02:30 CEST to 02:30 CET: an hour of real time, the same wall-clock time.
                new Window(utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z")),
                new Window(utc("2026-11-01T01:30:00Z"), utc("2026-11-01T02:30:00Z")));
    }

    @Test
    void aWindowOverMidnightHoldsOnTheNextDayAndIsFoundFromIt() {
        var schedule = weekly(Set.of(DayOfWeek.SATURDAY), "23:00", Duration.ofHours(3), null);
        var window = new Window(berlin("2026-02-07T23:00"), berlin("2026-02-08T02:00"));
        assertThat(schedule.at(berlin("2026-02-08T01:59"))).contains(window);
        assertThat(schedule.at(berlin("2026-02-08T02:00"))).isEmpty();
        assertThat(schedule.windows(berlin("2026-02-08T00:30"), berlin("2026-02-08T12:00"))).containsExactly(window);
        assertThat(schedule.next(berlin("2026-02-08T00:30")).orElseThrow().start())
                .isEqualTo(berlin("2026-02-14T23:00"));
    }

    @Test
    void aSeriesEndStopsNewWindowsButLetsTheLastOneRunItsCourse() {
        var until = berlin("2026-02-15T02:00");
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "01:00", Duration.ofHours(3), until);
        var windows = schedule.windows(berlin("2026-02-01T00:00"), berlin("2026-03-01T00:00"));
        assertThat(windows).extracting(Window::start).containsExactly(berlin("2026-02-01T01:00"),
                berlin("2026-02-08T01:00"), berlin("2026-02-15T01:00"));
        assertThat(schedule.finalEnd()).isEqualTo(berlin("2026-02-15T04:00"));
        assertThat(schedule.at(berlin("2026-02-15T03:00"))).isPresent();
        assertThat(schedule.next(berlin("2026-02-15T00:00")).orElseThrow().start()).isEqualTo(berlin("2026-02-15T01:00"));
        assertThat(schedule.next(berlin("2026-02-15T01:00"))).isEmpty();
    }

    @Test
    void aSeriesEndingAtAWindowsStartLeavesThatWindowOut() {
        var until = berlin("2026-02-15T01:00");
        var schedule = weekly(Set.of(DayOfWeek.SUNDAY), "01:00", Duration.ofHours(3), until);
        assertThat(schedule.at(berlin("2026-02-15T01:30"))).isEmpty();
        assertThat(schedule.finalEnd()).isEqualTo(berlin("2026-02-08T04:00"));
    }

    @Test
    void aSeriesMadeDuringAWindowHoldsFromWhenItWasMadeAndNeverBefore() {
        var made = berlin("2026-02-08T03:00");
        var schedule = new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.parse("02:00"), Duration.ofHours(3),
                BERLIN, made, null);
        assertThat(schedule.at(berlin("2026-02-08T02:30"))).isEmpty();
        assertThat(schedule.at(berlin("2026-02-08T04:00"))).contains(new Window(made, berlin("2026-02-08T05:00")));
        assertThat(schedule.windows(berlin("2026-01-01T00:00"), made)).isEmpty();
    }

    @Test
    void windowsOnSeveralDaysComeInOrder() {
        var schedule = weekly(Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), "22:00", Duration.ofHours(4), null);
        var windows = schedule.windows(berlin("2026-02-02T00:00"), berlin("2026-02-09T00:00"));
        assertThat(windows).extracting(Window::start).containsExactly(berlin("2026-02-02T22:00"),
                berlin("2026-02-05T22:00"));
    }

    @Test
    void aDailyDayLongWindowIsCutWhereTheNextBeginsOnTheShortSpringDay() {
        var everyDay = Set.of(DayOfWeek.values());
        var schedule = weekly(everyDay, "00:00", Duration.ofHours(24), null);
        // 29 March 2026 has 23 hours; 24 hours from its midnight would run into the next window.
        var windows = schedule.windows(berlin("2026-03-29T00:00"), berlin("2026-03-29T12:00"));
        assertThat(windows).containsExactly(new Window(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")));
        assertThat(List.of(schedule.at(berlin("2026-03-29T23:59")).orElseThrow()))
                .containsExactlyElementsOf(windows);
    }

    @Test
    void aOneOffDowntimeHasOneWindow() {
        var window = new Window(utc("2026-05-01T10:00:00Z"), utc("2026-05-01T12:00:00Z"));
        var schedule = new Schedule.Once(window);
        assertThat(schedule.windows(utc("2026-05-01T11:00:00Z"), utc("2026-05-02T00:00:00Z"))).containsExactly(window);
        assertThat(schedule.windows(utc("2026-05-01T12:00:00Z"), utc("2026-05-02T00:00:00Z"))).isEmpty();
        assertThat(schedule.next(utc("2026-05-01T09:00:00Z"))).contains(window);
        assertThat(schedule.next(utc("2026-05-01T10:00:00Z"))).isEmpty();
        assertThat(schedule.finalEnd()).isEqualTo(window.end());
    }
}
