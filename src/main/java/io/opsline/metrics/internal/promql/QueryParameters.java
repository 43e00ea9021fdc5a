package io.opsline.metrics.internal.promql;

import io.opsline.metrics.internal.promql.PromqlException.ErrorType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus API's time and duration parameters as Prometheus reads them: a time is unix
 * seconds with an optional fraction or RFC 3339; a duration (step, lookback) is float seconds or a
 * Prometheus duration like {@code 15s} or {@code 1h30m}. A value that is neither is a bad_data error
 * naming the parameter.
 */
public final class QueryParameters {

    /** A decimal number, as Go's ParseFloat reads one; Java's own would also take "1d" (one day) as a double. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private QueryParameters() {
    }

    /** A time in milliseconds since the epoch, rounded to the millisecond as Prometheus rounds it. */
    public static long parseTime(String parameter, String value) {
        var text = value == null ? "" : value.trim();
        if (DECIMAL.matcher(text).matches()) {
            var seconds = Double.parseDouble(text);
            if (Math.abs(seconds) < 9.2e15) {
                var whole = (long) seconds;
                var fraction = seconds - whole;
                return whole * 1000 + (long) (Math.signum(fraction) * Math.round(Math.abs(fraction) * 1000));
            }
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(parameter, "cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    /** A duration in milliseconds. */
    public static long parseDuration(String parameter, String value) {
        var text = value == null ? "" : value.trim();
        if (DECIMAL.matcher(text).matches()) {
            var ms = Double.parseDouble(text) * 1000;
            if (ms > Long.MAX_VALUE / 1_000_000 || ms < Long.MIN_VALUE / 1_000_000) {
                throw invalid(parameter, "cannot parse \"" + value + "\" to a valid duration. It overflows int64");
            }
            return (long) ms;
        }
        var ms = Durations.parseMillis(text);
        if (ms < 0) {
            throw invalid(parameter, "cannot parse \"" + value + "\" to a valid duration");
        }
        return ms;
    }

    /** A {@code limit}, as Prometheus reads one: an integer, negative (as when absent, -1) for none. */
    public static int parseLimit(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PromqlException(ErrorType.BAD_DATA, parameter + " must be a number");
        }
    }

    private static PromqlException invalid(String parameter, String problem) {
        return new PromqlException(ErrorType.BAD_DATA, "invalid parameter \"" + parameter + "\": " + problem);
    }
}
