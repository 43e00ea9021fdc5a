package io.opsline.servicedesk.internal.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class BusinessTimeTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Mon–Fri 08:00–18:00 in Berlin, with these holidays. */
    static BusinessTime office(LocalDate... holidays) {
        var hours = new ArrayList<WorkingHours>();
        for (var day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.add(new WorkingHours(day, 8 * 60, 18 * 60));
        }
        return new BusinessTime(BERLIN, hours, List.of(holidays));
    }

    static BusinessTime allDayIn(ZoneId zone) {
        return new BusinessTime(zone, EnumSet.allOf(DayOfWeek.class).stream()
                .map(d -> new WorkingHours(d, 0, WorkingHours.END_OF_DAY)).toList(), List.of());
    }

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void workingTimeLeftOnFridayCarriesOverTheWeekendToMonday() {
        var time = office();
        // 2026-03-13 is a Friday.
        assertThat(time.plus(berlin("2026-03-13T17:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-03-16T09:00"));
        assertThat(time.between(berlin("2026-03-13T17:00"), berlin("2026-03-16T09:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aClockStartedOutsideWorkingHoursStartsCountingWhenTheyBegin() {
        var time = office();
        assertThat(time.plus(berlin("2026-03-14T12:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-03-16T08:30"));
        assertThat(time.plus(berlin("2026-03-16T06:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-03-16T08:30"));
        assertThat(time.between(berlin("2026-03-14T00:00"), berlin("2026-03-16T08:00"))).isZero();
    }

    @Test
    void aWholeTargetIsSpreadOverSeveralWorkingDays() {
        assertThat(office().plus(berlin("2026-03-16T08:00"), Duration.ofHours(25)))
                .isEqualTo(berlin("2026-03-18T13:00"));
    }

    @Test
    void holidaysDoNotCount() {
        // Easter Monday 2026-04-06 and Good Friday 2026-04-03.
        var time = office(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"));
        assertThat(time.plus(berlin("2026-04-02T17:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-04-07T09:00"));
        assertThat(time.between(berlin("2026-04-02T00:00"), berlin("2026-04-08T00:00"))).isEqualTo(Duration.ofHours(20));
    }

    @Test
    void officeHoursAroundTheSpringChangeStayTenHoursADay() {
        // Clocks go forward in the night to Sunday 2026-03-29; Friday's hour left ends on Monday at 09:00 CEST.
        var time = office();
        var friday = berlin("2026-03-27T17:00");
        var monday = berlin("2026-03-30T09:00");
        assertThat(time.plus(friday, Duration.ofHours(2))).isEqualTo(monday);
        assertThat(time.between(friday, monday)).isEqualTo(Duration.ofHours(2));
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(63));
    }

    @Test
    void aRoundTheClockDayInSpringHasTwentyThreeHours() {
        var time = allDayIn(BERLIN);
        assertThat(time.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
        // 01:00 + 2 h: 02:00 does not exist that night, so it is 04:00.
        assertThat(time.plus(berlin("2026-03-29T01:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-03-29T04:00"));
    }

    @Test
    void aRoundTheClockDayInAutumnHasTwentyFiveHours() {
        var time = allDayIn(BERLIN);
        assertThat(time.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
        // 01:00 + 3 h: 02:00–03:00 happens twice that night, so it is 03:00.
        assertThat(time.plus(berlin("2026-10-25T01:00"), Duration.ofHours(3))).isEqualTo(berlin("2026-10-25T03:00"));
    }

    @Test
    void nightShiftsAcrossTheChangeCountTheHoursThatReallyPass() {
        var sundayNight = new BusinessTime(BERLIN, List.of(new WorkingHours(DayOfWeek.SUNDAY, 60, 4 * 60)), List.of());
        assertThat(sundayNight.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(sundayNight.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(sundayNight.between(berlin("2026-10-18T00:00"), berlin("2026-10-19T00:00")))
                .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void splitShiftsLeaveTheLunchBreakOut() {
        var time = new BusinessTime(BERLIN, List.of(new WorkingHours(DayOfWeek.MONDAY, 13 * 60, 17 * 60),
                new WorkingHours(DayOfWeek.MONDAY, 8 * 60, 12 * 60)), List.of());
        assertThat(time.plus(berlin("2026-03-16T11:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-03-16T14:00"));
        assertThat(time.between(berlin("2026-03-16T00:00"), berlin("2026-03-17T00:00"))).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void roundTheClockInUtcIsPlainClockTime() {
        var time = BusinessTime.allTheTime();
        var from = Instant.parse("2026-03-28T22:15:30.123Z");
        assertThat(time.plus(from, Duration.ofDays(3).plusSeconds(2))).isEqualTo(from.plus(Duration.ofDays(3).plusSeconds(2)));
        assertThat(time.between(from, from.plusSeconds(90_000))).isEqualTo(Duration.ofSeconds(90_000));
        assertThat(time.between(from, from.minusSeconds(5))).isZero();
        assertThat(time.plus(from, Duration.ZERO)).isEqualTo(from);
    }

    @Test
    void aCalendarWithoutWorkingTimeNeverReachesATarget() {
        var never = new BusinessTime(BERLIN, List.of(), List.of());
        assertThat(never.plus(berlin("2026-03-16T08:00"), Duration.ofMinutes(1))).isNull();
        assertThat(never.between(berlin("2026-03-16T08:00"), berlin("2026-04-16T08:00"))).isZero();
    }
}
