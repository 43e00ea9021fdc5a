package io.opsline.metrics.internal.promql;

import java.util.regex.Pattern;

/** Prometheus durations: {@code 1y2w3d4h5m6s7ms}, units in that order, each at most once, or {@code 0}. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {
        365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1_000, 1
    };

    private Durations() {
    }

    /** The milliseconds of a duration, or -1 when the text is not one. */
    static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        var match = DURATION.matcher(text);
        if (text.isEmpty() || !match.matches()) {
            return -1;
        }
        var total = 0L;
        for (var unit = 0; unit < UNIT_MS.length; unit++) {
            var digits = match.group(unit + 1);
            if (digits != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(digits), UNIT_MS[unit]));
                } catch (ArithmeticException | NumberFormatException e) {
                    return -1;
                }
            }
        }
        return total;
    }
}
