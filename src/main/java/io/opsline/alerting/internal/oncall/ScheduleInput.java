package io.opsline.alerting.internal.oncall;

import java.util.List;

/**
 * A schedule as a client sends it; text fields are checked here so that every mistake comes back
 * naming its field. {@code version} is required on update: the version last read.
 */
public record ScheduleInput(String name, String description, String timeZone, List<LayerInput> layers,
        Long version) {

    /**
     * One layer. {@code rotation} is daily, weekly or custom; {@code shiftHours} applies to custom ones,
     * {@code handoffTime} (HH:mm) to daily and weekly ones, {@code handoffDay} (MONDAY…) to weekly
     * ones; {@code start} and {@code end} are local date-times (2026-03-02T09:00) in the schedule's zone.
     */
    public record LayerInput(String name, List<String> participants, String rotation, Integer shiftHours,
            String handoffTime, String handoffDay, String start, String end) {
    }
}
