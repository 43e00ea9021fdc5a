package io.opsline.alerting.internal.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import io.opsline.platform.Violations;

/**
 * Times as clients write them, each mistake a violation naming its field: IANA zones, days of the
 * week, local times and date-times (to the minute), instants with Z or an offset.
 */
public final class TimeInputs {

    private TimeInputs() {
    }

    /** The IANA zone id in the text ("Europe/Berlin", "UTC"); null with a violation otherwise. */
    public static String zone(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: an IANA time zone id such as Europe/Berlin");
            return null;
        }
        var id = text.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            violations.add(field, "'%s' is no IANA time zone id (such as Europe/Berlin)".formatted(id));
            return null;
        }
        return id;
    }

    /** The day of the week in the text (MONDAY, any case); null with a violation otherwise. */
    public static DayOfWeek day(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: a day of the week such as MONDAY");
            return null;
        }
        for (var day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(text.strip())) {
                return day;
            }
        }
        violations.add(field, "'%s' is no day of the week such as MONDAY".formatted(text));
        return null;
    }

    /** The local time in the text (09:00); null for blank (a violation when required) or no time. */
    public static LocalTime time(String field, String text, boolean required, Violations violations) {
        return parse(field, text, required, "a local time such as 09:00",
                t -> LocalTime.parse(t).truncatedTo(ChronoUnit.MINUTES), violations);
    }

    /** The local date-time in the text (2026-03-02T09:00); null for blank (a violation when required). */
    public static LocalDateTime dateTime(String field, String text, boolean required, Violations violations) {
        return parse(field, text, required, "a local date-time such as 2026-03-02T09:00",
                t -> LocalDateTime.parse(t).truncatedTo(ChronoUnit.MINUTES), violations);
    }

    /** The instant in the text (2026-03-02T08:00:00Z or with an offset); null for blank (a violation when required). */
    public static Instant instant(String field, String text, boolean required, Violations violations) {
        return parse(field, text, required, "an instant such as 2026-03-02T08:00:00Z",
                t -> OffsetDateTime.parse(t).toInstant(), violations);
    }

    private static <T> T parse(String field, String text, boolean required, String expected,
            Function<String, T> parser, Violations violations) {
        if (text == null || text.isBlank()) {
            if (required) {
                violations.add(field, "is required: " + expected);
            }
            return null;
        }
        try {
            return parser.apply(text.strip());
        } catch (DateTimeParseException e) {
            violations.add(field, "'%s' is no %s".formatted(text, expected.substring(expected.indexOf(' ') + 1)));
            return null;
        }
    }
}
