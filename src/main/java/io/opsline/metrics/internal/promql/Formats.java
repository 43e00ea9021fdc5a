package io.opsline.metrics.internal.promql;

import java.math.BigDecimal;

/** Numbers and times as the Prometheus API writes them. */
final class Formats {

    private static final double LARGEST_EXACT_LONG = 0x1p53;

    private Formats() {
    }

    /** A value as Go's {@code FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent; NaN, +Inf, -Inf. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_LONG) {
            return (value == 0 && 1 / value < 0) ? "-0" : Long.toString((long) value);
        }
        // Double.toString gives the shortest digits that read back as the same double (JDK 19 and later);
        // between 1e-3 and 1e7 it writes them without an exponent, as Go does.
        var shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    /** A time in milliseconds as Prometheus writes it: seconds, then three digits of fraction when it has one. */
    static void appendTime(long ms, StringBuilder out) {
        var magnitude = ms;
        if (ms < 0) {
            out.append('-');
            magnitude = -ms;
        }
        out.append(magnitude / 1000);
        var fraction = magnitude % 1000;
        if (fraction != 0) {
            out.append('.');
            if (fraction < 100) {
                out.append('0');
            }
            if (fraction < 10) {
                out.append('0');
            }
            out.append(fraction);
        }
    }
}
