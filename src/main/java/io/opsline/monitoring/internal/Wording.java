package io.opsline.monitoring.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/** How monitoring words durations, measured numbers and failures for people, the same way everywhere. */
public final class Wording {

    private static final MathContext SIGNIFICANT = new MathContext(6);

    private Wording() {
    }

    /** {@code 10 s}, or {@code 300 ms} when not whole seconds. */
    public static String duration(Duration duration) {
        var millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A whole number as it is, any other to six significant digits, never in exponent form. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** The message of what lies at the bottom of a failure, which is the one that says what went wrong. */
    public static String rootCause(Throwable failure) {
        var root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
