package io.opsline.metrics.internal.promql;

import java.util.regex.Pattern;

/** Prometheus durations: {@code 1y2w3d4h5m6s7ms}, units in that order, each at most once, or {@code 0}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {
        365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1_000, 1
    };

    private Durations() {
    }

    /** The milliseconds of a duration, or -1 when the text is not one. */
    public static long parseMillis(String text) {
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

    /** A duration in milliseconds written as Prometheus writes it, largest units first: {@code 1h30m}, {@code 0}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0";
        }
        var text = new StringBuilder();
        var rest = millis;
        var names = new String[] {"y", "w", "d", "h", "m", "s", "ms"};
        for (var unit = 0; unit < UNIT_MS.length; unit++) {
            if (rest >= UNIT_MS[unit]) {
                text.append(rest / UNIT_MS[unit]).append(names[unit]);
                rest %= UNIT_MS[unit];
            }
        }
        return text.toString();
    }
}
