package io.opsline.monitoring.web;

import java.time.Duration;

/** How long something has lasted, in the few words a status board has room for: "12 min", "3 h 5 min". */
final class Ages {

    private Ages() {
    }

    static String of(Duration age) {
        var seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        var minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        var hours = minutes / 60;
        if (hours < 24) {
            return minutes % 60 == 0 ? hours + " h" : "%d h %d min".formatted(hours, minutes % 60);
        }
        var days = hours / 24;
        return hours % 24 == 0 ? days + " d" : "%d d %d h".formatted(days, hours % 24);
    }
}
