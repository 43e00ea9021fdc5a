package io.opsline.monitoring.internal.series;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import io.opsline.platform.Violations;

/**
 * Which series a caller asks for, read from the text of request parameters: times as ISO-8601
 * instants ({@code 2024-05-01T12:00:00Z}), as {@code now}, or as a time before now
 * ({@code -90s}, {@code -30m}, {@code -6h}, {@code -7d}, {@code -2w}).
 */
record SeriesRequest(Instant from, Instant to, String label, int points) {

    static final Duration DEFAULT_RANGE = Duration.ofHours(6);
    static final int DEFAULT_POINTS = 300;
    static final int MAX_POINTS = 2000;

    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,6})([smhdw])");
    // What both engines store; PostgreSQL knows no year after 294276 nor many before Christ.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final String TIME_FORMS = "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, 'now',"
            + " or a time before now such as -30m, -6h or -7d";

    /**
     * Reads the parameters; a missing one takes its default: {@code to} now, {@code from}
     * {@link #DEFAULT_RANGE} before {@code to}, every label, {@link #DEFAULT_POINTS} points.
     * Throws {@link io.opsline.platform.InvalidInputException} naming every parameter that is wrong.
     */
    static SeriesRequest parse(String from, String to, String label, String points, Instant now) {
        var v = new Violations();
        var end = time(v, "to", to, now);
        var start = from == null || from.isBlank() ? (end == null ? now : end).minus(DEFAULT_RANGE)
                : time(v, "from", from, now);
        if (start != null && end != null && !start.isBefore(end)) {
            v.add("from", "must be before 'to' (%s)".formatted(end));
        }
        var onlyLabel = v.optional("label", label, Sample.MAX_LABEL);
        var count = points(v, points);
        v.throwIfAny("Invalid series request");
        return new SeriesRequest(start, end, onlyLabel, count);
    }

    private static Instant time(Violations v, String field, String text, Instant now) {
        if (text == null || text.isBlank() || text.strip().equals("now")) {
            return now;
        }
        var spec = text.strip();
        var relative = RELATIVE.matcher(spec);
        if (relative.matches()) {
            var amount = Long.parseLong(relative.group(1));
            var unit = switch (relative.group(2)) {
                case "s" -> ChronoUnit.SECONDS;
                case "m" -> ChronoUnit.MINUTES;
                case "h" -> ChronoUnit.HOURS;
                case "d" -> ChronoUnit.DAYS;
                default -> ChronoUnit.WEEKS;
            };
            return now.minus(unit.getDuration().multipliedBy(amount));
        }
        try {
            var instant = Instant.parse(spec);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                v.add(field, "must lie between the years 1 and 9999");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            v.add(field, TIME_FORMS);
            return null;
        }
    }

    private static int points(Violations v, String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_POINTS;
        }
        try {
            var count = Integer.parseInt(text.strip());
            if (count >= 1 && count <= MAX_POINTS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below, as for a number out of range
        }
        v.add("points", "must be a whole number from 1 to " + MAX_POINTS);
        return DEFAULT_POINTS;
    }
}
