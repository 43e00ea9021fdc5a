package io.opsline.alerting.internal.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Layers and overrides merged into the one timeline people and escalation see. */
class TimelineTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final UUID ANNA = new UUID(0, 1);
    static final UUID BEN = new UUID(0, 2);
    static final UUID CARLA = new UUID(0, 3);
    static final UUID DAVID = new UUID(0, 4);
    static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-06-03T00:00:00Z");

    /** Anna and Ben alternate daily at 09:00 UTC, Anna from 1 June. */
    static final Layer PRIMARY = new Layer("primary", List.of(ANNA, BEN), Rotation.DAILY, null, LocalTime.of(9, 0),
            null, LocalDateTime.parse("2026-06-01T09:00"), null);

    static Turn turn(UUID user, String from, String to, String origin) {
        return new Turn(user, Instant.parse(from), Instant.parse(to), origin);
    }

    static ShiftOverride override(UUID user, String from, String to, String createdAt) {
        return new ShiftOverride(UUID.randomUUID(), new UUID(1, 1), user, Instant.parse(from), Instant.parse(to),
                Instant.parse(createdAt), "tester");
    }

    @Test
    void aHigherLayerWinsWhereItHasSomeoneAndTheLowerOneFillsTheRest() {
        var nights = new Layer("nights", List.of(CARLA), Rotation.DAILY, null, LocalTime.of(9, 0), null,
                LocalDateTime.parse("2026-06-01T20:00"), LocalDateTime.parse("2026-06-02T06:00"));

        var timeline = Timeline.merge(List.of(PRIMARY, nights), List.of(), UTC, FROM, TO, id -> true);

        assertThat(timeline).containsExactly(
                turn(ANNA, "2026-06-01T09:00:00Z", "2026-06-01T20:00:00Z", "primary"),
                turn(CARLA, "2026-06-01T20:00:00Z", "2026-06-02T06:00:00Z", "nights"),
                turn(ANNA, "2026-06-02T06:00:00Z", "2026-06-02T09:00:00Z", "primary"),
                turn(BEN, "2026-06-02T09:00:00Z", "2026-06-03T00:00:00Z", "primary"));
    }

    @Test
    void anOverrideWinsOverEveryLayer() {
        var timeline = Timeline.merge(List.of(PRIMARY), List.of(
                override(DAVID, "2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", "2026-05-01T00:00:00Z")),
                UTC, FROM, TO, id -> true);

        assertThat(timeline).containsExactly(
                turn(ANNA, "2026-06-01T09:00:00Z", "2026-06-01T12:00:00Z", "primary"),
                turn(DAVID, "2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", "override"),
                turn(ANNA, "2026-06-01T14:00:00Z", "2026-06-02T09:00:00Z", "primary"),
                turn(BEN, "2026-06-02T09:00:00Z", "2026-06-03T00:00:00Z", "primary"));
    }

    @Test
    void whereOverridesOverlapTheLaterCreatedWinsAndTheEarlierKeepsTheRest() {
        var earlier = override(DAVID, "2026-06-01T10:00:00Z", "2026-06-01T18:00:00Z", "2026-05-01T00:00:00Z");
        var later = override(CARLA, "2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", "2026-05-02T00:00:00Z");

        var timeline = Timeline.merge(List.of(PRIMARY), List.of(later, earlier), UTC,
                Instant.parse("2026-06-01T09:00:00Z"), Instant.parse("2026-06-01T20:00:00Z"), id -> true);

        assertThat(timeline).containsExactly(
                turn(ANNA, "2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", "primary"),
                turn(DAVID, "2026-06-01T10:00:00Z", "2026-06-01T12:00:00Z", "override"),
                turn(CARLA, "2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", "override"),
                turn(DAVID, "2026-06-01T14:00:00Z", "2026-06-01T18:00:00Z", "override"),
                turn(ANNA, "2026-06-01T18:00:00Z", "2026-06-01T20:00:00Z", "primary"));
    }

    @Test
    void someoneWhoCannotBeReachedCountsAsNobodySoTheLowerLayerFillsIn() {
        var backup = new Layer("backup", List.of(CARLA), Rotation.WEEKLY, null, LocalTime.of(9, 0),
                java.time.DayOfWeek.MONDAY, LocalDateTime.parse("2026-05-25T09:00"), null);
        var top = new Layer("top", List.of(DAVID), Rotation.DAILY, null, LocalTime.of(9, 0), null,
                LocalDateTime.parse("2026-06-01T00:00"), null);

        var timeline = Timeline.merge(List.of(backup, top), List.of(), UTC, FROM, TO, id -> !id.equals(DAVID));

        assertThat(timeline).containsExactly(turn(CARLA, "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z", "backup"));
    }

    @Test
    void gapsWhereNobodyIsOnCallStayGaps() {
        var timeline = Timeline.merge(List.of(PRIMARY), List.of(), UTC, Instant.parse("2026-05-31T00:00:00Z"),
                Instant.parse("2026-06-01T10:00:00Z"), id -> true);

        assertThat(timeline).containsExactly(turn(ANNA, "2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", "primary"));
    }

    @Test
    void consecutiveShiftsOfOnePersonInOneLayerAreOneShift() {
        var alone = new Layer("primary", List.of(ANNA), Rotation.CUSTOM, 12, LocalTime.of(9, 0), null,
                LocalDateTime.parse("2026-06-01T09:00"), null);

        var timeline = Timeline.merge(List.of(alone), List.of(), UTC, FROM, TO, id -> true);

        assertThat(timeline).containsExactly(turn(ANNA, "2026-06-01T09:00:00Z", "2026-06-03T00:00:00Z", "primary"));
    }
}
