package io.opsline.servicedesk.internal.sla;

import java.time.Duration;

/** How SLA targets read in timeline lines and alerts: "4h", "30m", "3d", "1h 30m". */
final class SlaWording {

    private SlaWording() {
    }

    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        var text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        if (text.isEmpty()) {
            append(text, duration.toMillisPart(), "ms");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(unit);
        }
    }
}
