package io.opsline.servicedesk.web;

/** Seconds as people read them on a report: "45 s", "12 min", "3 h 05 min", "2 d 4 h"; a dash for none. */
public final class DurationText {

    /** The same for a {@link java.time.Duration}, for templates: {@code T(...DurationText).human(d)}. */
    public static String human(java.time.Duration duration) {
        return new DurationText().of(duration == null ? null : duration.toMillis() / 1000.0);
    }

    public String of(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        var total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        var minutes = total / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        var hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + String.format("%02d", minutes % 60) + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }
}
