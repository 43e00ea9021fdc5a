package io.opsline.alerting.internal.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * When a rule applies, in local time of its zone: on {@code days} (every day when empty), from
 * {@code from} until {@code to}. A window whose end is before its start runs over midnight and
 * belongs to the day it starts on: Friday 22:00–06:00 includes Saturday 03:00. Without times the
 * window is the whole of each day.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, String timeZone) {

    public TimeWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
    }

    boolean contains(Instant at) {
        var local = at.atZone(ZoneId.of(timeZone));
        var time = local.toLocalTime();
        var day = local.getDayOfWeek();
        if (from == null) {
            return on(day);
        }
        if (from.isBefore(to)) {
            return on(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // Over midnight: the evening part on a listed day, or the morning part after one.
        return (on(day) && !time.isBefore(from)) || (on(day.minus(1)) && time.isBefore(to));
    }

    private boolean on(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }

    @Override
    public String toString() {
        var when = days.isEmpty() ? "every day" : days.stream().sorted().map(DayOfWeek::name).toList().toString();
        return from == null ? when + " (" + timeZone + ")" : "%s %s-%s %s".formatted(when, from, to, timeZone);
    }
}
