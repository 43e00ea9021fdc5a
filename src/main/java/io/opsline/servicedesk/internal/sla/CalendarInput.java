package io.opsline.servicedesk.internal.sla;

import java.util.List;

/**
 * A business calendar as clients send it. {@code timeZone} is an IANA zone ("Europe/Berlin");
 * each of {@code hours} is a weekday ("monday") with a start and an end ("08:00", "18:00"; "24:00"
 * ends at midnight); each holiday a date ("2026-12-25") with an optional name. {@code version} is
 * required when changing one.
 */
public record CalendarInput(Long version, String name, String timeZone, List<HoursInput> hours,
        List<HolidayInput> holidays) {

    public record HoursInput(String day, String start, String end) {
    }

    public record HolidayInput(String date, String name) {
    }
}
