package io.opsline.servicedesk.internal.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures and adds working time on a business calendar. Working hours are wall-clock times in the
 * calendar's zone, turned into instants day by day with that zone's rules: on the day clocks go
 * forward a 24-hour day is 23 hours long, on the day they go back 25; "08:00–18:00" stays ten hours
 * because no change happens inside it. A time that does not exist (inside the spring gap) means
 * the first moment after the gap; one that exists twice (in the autumn overlap) means the first.
 */
public final class BusinessTime {

    /** How far {@link #plus} looks ahead before it gives up: ten years of a calendar without working days. */
    static final int HORIZON_DAYS = 3660;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingHours>> byDay = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays;

    public BusinessTime(ZoneId zone, Collection<WorkingHours> hours, Collection<LocalDate> holidays) {
        this.zone = zone;
        for (var day : DayOfWeek.values()) {
            byDay.put(day, hours.stream().filter(h -> h.day() == day)
                    .sorted(Comparator.comparingInt(WorkingHours::startMinute)).toList());
        }
        this.holidays = Set.copyOf(holidays);
    }

    /** Every day, all day, in UTC. */
    static BusinessTime allTheTime() {
        return new BusinessTime(ZoneId.of("UTC"), java.util.Arrays.stream(DayOfWeek.values())
                .map(d -> new WorkingHours(d, 0, WorkingHours.END_OF_DAY)).toList(), List.of());
    }

    /** The working time between two instants; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        var total = Duration.ZERO;
        var last = to.atZone(zone).toLocalDate();
        for (var date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (var window : windows(date)) {
                var start = later(window.start(), from);
                var end = window.end().isBefore(to) ? window.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of working time has passed since {@code from}; null when
     * the calendar has not that much working time within {@link #HORIZON_DAYS} days.
     */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot add a negative working time: " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        var left = amount;
        var date = from.atZone(zone).toLocalDate();
        for (var day = 0; day < HORIZON_DAYS; day++, date = date.plusDays(1)) {
            for (var window : windows(date)) {
                var start = later(window.start(), from);
                if (!window.end().isAfter(start)) {
                    continue;
                }
                var available = Duration.between(start, window.end());
                if (available.compareTo(left) >= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        return null;
    }

    private List<Window> windows(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        var windows = new ArrayList<Window>();
        for (var hours : byDay.get(date.getDayOfWeek())) {
            windows.add(new Window(at(date, hours.startMinute()), at(date, hours.endMinute())));
        }
        return windows;
    }

    private Instant at(LocalDate date, int minute) {
        if (minute == WorkingHours.END_OF_DAY) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return date.atTime(minute / 60, minute % 60).atZone(zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record Window(Instant start, Instant end) {
    }
}
