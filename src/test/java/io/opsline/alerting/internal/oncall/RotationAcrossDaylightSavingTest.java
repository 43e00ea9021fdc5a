package io.opsline.alerting.internal.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Handoffs stay at the same local time when the clocks change (Europe/Berlin, 2026: 29 March and 25 October). */
class RotationAcrossDaylightSavingTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UUID ANNA = new UUID(0, 1);
    static final UUID BEN = new UUID(0, 2);
    static final UUID CARLA = new UUID(0, 3);

    static Layer daily(String start, UUID... people) {
        return new Layer("primary", List.of(people), Rotation.DAILY, null, LocalTime.of(9, 0), null,
                LocalDateTime.parse(start), null);
    }

    static Turn turn(UUID user, String from, String to) {
        return new Turn(user, Instant.parse(from), Instant.parse(to), "primary");
    }

    @Test
    void aDailyNineOClockHandoffStaysAtNineWhenTheClocksSpringForward() {
        var layer = daily("2026-03-27T09:00", ANNA, BEN, CARLA);

        var turns = layer.turns(BERLIN, Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-03-27T08:00:00Z", "2026-03-28T08:00:00Z"),
                // 09:00 CET to 09:00 CEST: the night the clocks change is an hour shorter.
                turn(BEN, "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"),
                turn(CARLA, "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"),
                turn(ANNA, "2026-03-30T07:00:00Z", "2026-03-31T00:00:00Z"));
        assertThat(Duration.between(turns.get(1).from(), turns.get(1).to())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void aDailyNineOClockHandoffStaysAtNineWhenTheClocksFallBack() {
        var layer = daily("2026-10-24T09:00", ANNA, BEN);

        var turns = layer.turns(BERLIN, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z"),
                turn(BEN, "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"),
                turn(ANNA, "2026-10-26T08:00:00Z", "2026-10-27T00:00:00Z"));
        assertThat(Duration.between(turns.get(0).from(), turns.get(0).to())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aWeeklyMondayHandoffStaysAtNineLocalAcrossTheChange() {
        var layer = new Layer("primary", List.of(ANNA, BEN), Rotation.WEEKLY, null, LocalTime.of(9, 0),
                DayOfWeek.MONDAY, LocalDateTime.parse("2026-03-23T09:00"), null);

        var turns = layer.turns(BERLIN, Instant.parse("2026-03-23T00:00:00Z"), Instant.parse("2026-04-07T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"),
                turn(BEN, "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z"),
                turn(ANNA, "2026-04-06T07:00:00Z", "2026-04-07T00:00:00Z"));
    }

    @Test
    void aWeeklyRotationStartedMidweekGivesTheFirstPersonTheRestOfThatWeek() {
        var layer = new Layer("primary", List.of(ANNA, BEN), Rotation.WEEKLY, null, LocalTime.of(9, 0),
                DayOfWeek.MONDAY, LocalDateTime.parse("2026-05-06T12:00"), null);

        var turns = layer.turns(BERLIN, Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-12T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-05-06T10:00:00Z", "2026-05-11T07:00:00Z"),
                turn(BEN, "2026-05-11T07:00:00Z", "2026-05-12T00:00:00Z"));
    }

    @Test
    void twelveHourCustomShiftsKeepTheirLocalTimesAcrossTheChange() {
        var layer = new Layer("primary", List.of(ANNA, BEN), Rotation.CUSTOM, 12, LocalTime.of(21, 0), null,
                LocalDateTime.parse("2026-03-28T21:00"), null);

        var turns = layer.turns(BERLIN, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-03-28T20:00:00Z", "2026-03-29T07:00:00Z"),
                turn(BEN, "2026-03-29T07:00:00Z", "2026-03-29T19:00:00Z"),
                turn(ANNA, "2026-03-29T19:00:00Z", "2026-03-30T00:00:00Z"));
    }

    @Test
    void anHourlyShiftThatFallsIntoTheSpringForwardGapIsSkippedWithoutLeavingAHole() {
        var layer = new Layer("primary", List.of(ANNA, BEN, CARLA), Rotation.CUSTOM, 1, LocalTime.MIDNIGHT, null,
                LocalDateTime.parse("2026-03-29T00:00"), null);

        var turns = layer.turns(BERLIN, Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"));

        // 02:00 local does not exist that night: Carla's hour has no time, Anna follows Ben directly.
        assertThat(turns).containsExactly(
                turn(ANNA, "2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z"),
                turn(BEN, "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"),
                turn(ANNA, "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"));
    }

    @Test
    void aWindowFarFromTheStartFindsTheSameTurnsAsWalkingThereFromTheStart() {
        var layer = daily("2026-01-05T09:00", ANNA, BEN, CARLA);
        var from = Instant.parse("2026-01-01T00:00:00Z");
        var walked = layer.turns(BERLIN, from, from.plus(Duration.ofDays(400)));

        var windowFrom = Instant.parse("2026-11-14T03:00:00Z");
        var windowTo = Instant.parse("2026-11-20T03:00:00Z");
        var direct = layer.turns(BERLIN, windowFrom, windowTo);

        var expected = walked.stream().filter(t -> t.to().isAfter(windowFrom) && t.from().isBefore(windowTo))
                .map(t -> new Turn(t.userId(), t.from().isBefore(windowFrom) ? windowFrom : t.from(),
                        t.to().isAfter(windowTo) ? windowTo : t.to(), t.origin()))
                .toList();
        assertThat(direct).isEqualTo(expected).hasSize(7);
    }

    @Test
    void nobodyIsOnCallBeforeTheStartOrAfterTheEnd() {
        var layer = new Layer("primary", List.of(ANNA, BEN), Rotation.DAILY, null, LocalTime.of(9, 0), null,
                LocalDateTime.parse("2026-06-01T09:00"), LocalDateTime.parse("2026-06-02T21:00"));

        var turns = layer.turns(BERLIN, Instant.parse("2026-05-30T00:00:00Z"), Instant.parse("2026-06-05T00:00:00Z"));

        assertThat(turns).containsExactly(
                turn(ANNA, "2026-06-01T07:00:00Z", "2026-06-02T07:00:00Z"),
                turn(BEN, "2026-06-02T07:00:00Z", "2026-06-02T19:00:00Z"));
    }
}
