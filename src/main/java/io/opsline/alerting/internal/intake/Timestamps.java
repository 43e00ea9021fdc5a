package io.opsline.alerting.internal.intake;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.OFFSET_SECONDS;
import static java.time.temporal.ChronoField.YEAR;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Points in time as senders write them: ISO 8601 / RFC 3339 date and time with an offset,
 * {@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00.123+02:00}, and the colon-less
 * {@code +0000} of PagerDuty's own examples.
 */
final class Timestamps {

    /** What a violation says a time should look like. */
    static final String EXPECTED = "must be an ISO 8601 time with an offset, such as 2024-05-01T12:00:00Z";

    // Four-digit years only: a time far beyond 9999 is a mistake, and one the databases could not store.
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendValue(YEAR, 4).appendLiteral('-').appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(DAY_OF_MONTH, 2).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /** The instant the text names, or null when it names none (including a time without an offset). */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            var parsed = FORMAT.parse(text.strip());
            return parsed.isSupported(OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant() : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Whether the sender really said a time. Go's zero time ({@code 0001-01-01T00:00:00Z}, which
     * Alertmanager sends for an end it does not know) and the Unix epoch mean "not set": no
     * alert is older than 1970.
     */
    static boolean isSet(Instant instant) {
        return instant != null && instant.isAfter(Instant.EPOCH);
    }
}
