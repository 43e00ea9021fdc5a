package io.opsline.servicedesk.internal.sla;

import java.time.DayOfWeek;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stretch of working time on a weekday, in the calendar's wall-clock time: from
 * {@code startMinute} (0 = midnight) to {@code endMinute} (1440 = the midnight that ends the day).
 * Written as "08:00" and "18:00" (or "24:00") on the wire.
 */
public record WorkingHours(@JsonIgnore DayOfWeek day, @JsonIgnore int startMinute, @JsonIgnore int endMinute) {

    static final int END_OF_DAY = 24 * 60;

    public WorkingHours {
        if (startMinute < 0 || endMinute > END_OF_DAY || endMinute <= startMinute) {
            throw new IllegalArgumentException("working hours must end after they start within one day: "
                    + startMinute + "–" + endMinute);
        }
    }

    /** The weekday as clients write it: "monday". */
    @JsonProperty("day")
    public String weekday() {
        return day.name().toLowerCase(Locale.ROOT);
    }

    @JsonProperty("start")
    public String start() {
        return text(startMinute);
    }

    @JsonProperty("end")
    public String end() {
        return text(endMinute);
    }

    boolean overlaps(WorkingHours other) {
        return day == other.day && startMinute < other.endMinute && other.startMinute < endMinute;
    }

    static String text(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}
