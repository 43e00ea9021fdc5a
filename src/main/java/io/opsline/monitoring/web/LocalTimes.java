package io.opsline.monitoring.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.opsline.platform.Violations;

/**
 * Times typed into {@code datetime-local} fields, which carry no offset: read on the clock of the
 * time zone the page's script reports for the browser ({@code zone}), or the server's without it.
 */
final class LocalTimes {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private LocalTimes() {
    }

    /** The browser's time zone as the form reported it; the server's when missing or unknown. */
    static ZoneId zone(String text) {
        if (text != null && !text.isBlank()) {
            try {
                return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
                // A zone name this JVM does not know: the server's clock is the best guess left.
            }
        }
        return ZoneId.systemDefault();
    }

    /** The instant typed, null when blank; a violation on {@code field} when it is no date and time. */
    static Instant instant(Violations v, String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            v.add(field, "must be a date and time such as 2026-03-29T14:30");
            return null;
        }
    }

    /** An instant as the services take times: ISO-8601 with the offset of this zone. */
    static String iso(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone).toString();
    }

    /** "from 2026-03-29 14:30 to 16:30 (Europe/Berlin)": a window as people read it. */
    static String span(Instant from, Instant until, ZoneId zone) {
        var start = from.atZone(zone);
        var end = until.atZone(zone);
        var endText = start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end) : DATE_TIME.format(end);
        return "from %s to %s (%s)".formatted(DATE_TIME.format(start), endText, zone.getId());
    }
}
