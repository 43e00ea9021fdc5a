package io.opsline.alerting.internal.intake;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.OFFSET_SECONDS;
import static java.time.temporal.ChronoField.YEAR;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        var stripped = text.strip();
        try {
            var usual = usualForm(stripped);
            if (usual != null) {
                return usual;
            }
            var parsed = FORMAT.parse(stripped);
            return parsed.isSupported(OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant() : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The form nearly every sender writes, {@code 2024-05-01T12:00:00[.fraction](Z|+02:00|+0200)},
     * read digit by digit: the intake reads thousands a second, and the general formatter costs
     * several times as much. Null when the text has another form (the formatter then decides).
     *
     * @throws DateTimeException when it has this form but names no time, such as February 30th
     */
    private static Instant usualForm(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int from = ++at;
            while (at < length && at - from < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at++) - '0');
            }
            if (at == from) {
                return null;
            }
            for (int scale = at - from; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond - offsetSeconds, nanos);
    }

    /**
     * The offset that ends the text at {@code at}: {@code Z}, {@code +02:00} or {@code +0200};
     * {@code Integer.MIN_VALUE} for anything else.
     */
    private static int offsetSeconds(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if (rest != 5 && rest != 6 || text.charAt(at) != '+' && text.charAt(at) != '-') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, at + 1, 2);
        if (rest == 6 && text.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int minutes = digits(text, at + rest - 2, 2);
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return text.charAt(at) == '-' ? -seconds : seconds;
    }

    /** The number the digits at {@code from} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
