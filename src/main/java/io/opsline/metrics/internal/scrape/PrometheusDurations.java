package io.opsline.metrics.internal.scrape;

/** Durations written as Prometheus writes them: {@code 1h30m}, {@code 15s}, {@code 500ms}, {@code 0s}. */
public final class PrometheusDurations {

    private static final long[] UNIT_MS = {24L * 3_600_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private PrometheusDurations() {
    }

    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        var text = new StringBuilder();
        var left = ms;
        for (var unit = 0; unit < UNITS.length; unit++) {
            if (left >= UNIT_MS[unit]) {
                text.append(left / UNIT_MS[unit]).append(UNITS[unit]);
                left %= UNIT_MS[unit];
            }
        }
        return text.toString();
    }
}
