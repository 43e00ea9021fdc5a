package io.opsline.monitoring.internal.downtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** When a downtime holds: once, or on some days of every week. */
public sealed interface Schedule {

    /** The windows that overlap [from, to), earliest first. */
    List<Window> windows(Instant from, Instant to);

    /** The window holding at this instant, if any. */
    default Optional<Window> at(Instant at) {
        return windows(at, at.plusNanos(1)).stream().findFirst();
    }

    /** The first window starting after this instant, if any. */
    Optional<Window> next(Instant after);

    /** When the last window ends; null for a series without an end. */
    Instant finalEnd();

    /** One window. */
    record Once(Window window) implements Schedule {

        @Override
        public List<Window> windows(Instant from, Instant to) {
            return window.overlaps(from, to) ? List.of(window) : List.of();
        }

        @Override
        public Optional<Window> next(Instant after) {
            return window.start().isAfter(after) ? Optional.of(window) : Optional.empty();
        }

        @Override
        public Instant finalEnd() {
            return window.end();
        }
    }

    /**
     * Every week on {@code days}, from {@code startTime} local time in {@code zone} for
     * {@code duration} of real time ("every Sunday 02:00 Europe/Berlin for 3 h").
     *
     * <p>A start time that a change to summer time skips (02:30 on the last Sunday of March in
     * Berlin) moves forward by the length of the gap (to 03:30 summer time); one that occurs twice
     * when the clocks go back takes its first, summer-time occurrence. The duration is elapsed
     * time, so a window over a change of clocks ends at a different wall-clock hour. A window that
     * would run into the next one (a day of 23 hours) ends where the next begins.
     *
     * @param seriesStart no window is in force before this (when the downtime was made): one in
     *        progress then is cut to begin here
     * @param until no window starts at or after this; null for a series without an end
     */
    record Weekly(Set<DayOfWeek> days, LocalTime startTime, Duration duration, ZoneId zone, Instant seriesStart,
            Instant until) implements Schedule {

        public Weekly {
            if (days.isEmpty() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a weekly schedule needs days and a positive duration");
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }

        @Override
        public List<Window> windows(Instant from, Instant to) {
            // Raw starts from a day before the earliest window that can reach into [from, to), to a
            // week past its end so that the last one can be cut at its successor.
            var firstDay = from.minus(duration).atZone(zone).toLocalDate().minusDays(1);
            var lastDay = to.atZone(zone).toLocalDate().plusDays(8);
            var starts = new ArrayList<Instant>();
            for (var day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                if (days.contains(day.getDayOfWeek())) {
                    var start = ZonedDateTime.of(day, startTime, zone).toInstant();
                    if (until != null && !start.isBefore(until)) {
                        break;
                    }
                    starts.add(start);
                }
            }
            var windows = new ArrayList<Window>();
            for (int i = 0; i < starts.size(); i++) {
                var start = starts.get(i);
                var end = start.plus(duration);
                if (i + 1 < starts.size() && starts.get(i + 1).isBefore(end)) {
                    end = starts.get(i + 1);
                }
                if (!end.isAfter(seriesStart)) {
                    continue;
                }
                var window = new Window(start.isBefore(seriesStart) ? seriesStart : start, end);
                if (window.overlaps(from, to)) {
                    windows.add(window);
                }
            }
            return windows;
        }

        @Override
        public Optional<Window> next(Instant after) {
            return windows(after, after.plus(Duration.ofDays(8))).stream().filter(w -> w.start().isAfter(after))
                    .findFirst();
        }

        /** When the last window ends; null without an end, the series' start if no window falls before the end. */
        @Override
        public Instant finalEnd() {
            if (until == null) {
                return null;
            }
            var last = windows(until.minus(Duration.ofDays(8)).minus(duration), until);
            return last.isEmpty() ? seriesStart : last.getLast().end();
        }
    }
}
