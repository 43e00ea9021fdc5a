package io.opsline.alerting.internal.oncall;

/** A new schedule and its calendar feed token, which is never shown again. */
public record CreatedSchedule(ScheduleView schedule, FeedToken feed) {
}
