package io.opsline.monitoring.internal.nagios;

import java.math.BigDecimal;

import io.opsline.monitoring.ServiceState;

/**
 * A threshold in the Nagios plugin range format: {@code 10} alerts outside 0..10, {@code 10:}
 * below 10, {@code ~:10} above 10, {@code 10:20} outside 10..20, and a leading {@code @}
 * turns it round to alert inside the range. Kept as text too, so that a threshold shows the
 * way its author wrote it.
 *
 * @param start lower end, or null for negative infinity ({@code ~})
 * @param end upper end, or null for positive infinity
 * @param inside true when the value alerts inside the range ({@code @})
 */
public record ThresholdRange(BigDecimal start, BigDecimal end, boolean inside, String text) {

    /** Parses a range; throws {@link IllegalArgumentException} with a reason people can read. */
    public static ThresholdRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a threshold range must not be empty");
        }
        var spec = text.strip();
        var inside = spec.startsWith("@");
        var body = inside ? spec.substring(1) : spec;
        var colon = body.indexOf(':');
        BigDecimal start;
        BigDecimal end;
        if (colon < 0) {
            start = BigDecimal.ZERO;
            end = number(body, spec);
        } else {
            if (body.indexOf(':', colon + 1) >= 0) {
                throw invalid(spec, "it has more than one ':'");
            }
            var low = body.substring(0, colon);
            var high = body.substring(colon + 1);
            start = low.equals("~") ? null : low.isEmpty() ? BigDecimal.ZERO : number(low, spec);
            end = high.isEmpty() ? null : number(high, spec);
        }
        if (start != null && end != null && start.compareTo(end) > 0) {
            throw invalid(spec, "its start is greater than its end");
        }
        return new ThresholdRange(start, end, inside, spec);
    }

    /**
     * A value against a warning and a critical threshold, either of which may be absent, as a
     * Nagios plugin judges it: critical first, then warning, else OK.
     */
    public static ServiceState judge(double value, ThresholdRange warning, ThresholdRange critical) {
        if (critical != null && critical.alerts(value)) {
            return ServiceState.CRITICAL;
        }
        return warning != null && warning.alerts(value) ? ServiceState.WARNING : ServiceState.OK;
    }

    /** Whether this value is outside what the threshold allows. */
    public boolean alerts(double value) {
        var within = (start == null || value >= start.doubleValue()) && (end == null || value <= end.doubleValue());
        return inside == within;
    }

    /**
     * The same range in a unit 10^digits times larger, e.g. milliseconds to seconds with 3:
     * thresholds are set in milliseconds, response times reported in seconds as plugins do.
     */
    public ThresholdRange inLargerUnit(int digits) {
        return times(BigDecimal.ONE.movePointLeft(digits));
    }

    /**
     * The same range with both ends multiplied by a positive factor: for a change of unit, such as
     * kilobytes to bytes ({@link UnitOfMeasure#toBase(ThresholdRange)}).
     */
    public ThresholdRange times(BigDecimal factor) {
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("a unit's factor must be positive, not " + factor);
        }
        var low = start == null ? null : start.multiply(factor).stripTrailingZeros();
        var high = end == null ? null : end.multiply(factor).stripTrailingZeros();
        var spec = (inside ? "@" : "") + (low == null ? "~" : low.toPlainString()) + ":"
                + (high == null ? "" : high.toPlainString());
        return new ThresholdRange(low, high, inside, spec);
    }

    private static BigDecimal number(String part, String spec) {
        try {
            return new BigDecimal(part);
        } catch (NumberFormatException e) {
            throw invalid(spec, "'" + part + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("threshold '" + spec + "' is not a valid range: " + why
                + " (use forms like 10, 10:, ~:10, 10:20 or @10:20)");
    }

    @Override
    public String toString() {
        return text;
    }
}
