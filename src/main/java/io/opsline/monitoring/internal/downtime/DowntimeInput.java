package io.opsline.monitoring.internal.downtime;

import java.util.List;

/**
 * A downtime as a client sends it. Everything is text so that each bad value comes back as a
 * named violation. Times are ISO-8601 with an offset ({@code 2026-03-29T02:00:00+02:00} or
 * {@code ...Z}).
 *
 * @param ci the CI's id; may be left out when {@code check} is given
 * @param check one check's id, to cover only that check instead of the whole CI
 * @param tag instead of a CI: every CI carrying this tag
 * @param withDependents with a CI: also everything running on or connected to it
 * @param start with {@code end}, for a one-off downtime; a start in the past means now
 * @param recurrence instead of start and end, for a weekly downtime
 */
public record DowntimeInput(String ci, String check, String tag, Boolean withDependents, String comment, String start,
        String end, RecurrenceInput recurrence) {

    /**
     * Every week on {@code days} ({@code sunday} or {@code sun}), from {@code startTime}
     * ({@code 02:00}) in {@code timeZone} ({@code Europe/Berlin}) for {@code durationMinutes};
     * until {@code until} if given (no window starts at or after it).
     */
    public record RecurrenceInput(List<String> days, String startTime, Integer durationMinutes, String timeZone,
            String until) {
    }
}
