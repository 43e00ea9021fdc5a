package io.opsline.servicedesk.internal.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Working hours per weekday in one time zone, less holidays: what SLA targets are measured in. */
public record BusinessCalendar(UUID id, String name, String timeZone, List<WorkingHours> hours,
        List<Holiday> holidays, Instant createdAt, Instant updatedAt, long version) {

    /** The one that exists out of the box: every day, all day, in UTC. */
    public static final UUID ROUND_THE_CLOCK = UUID.fromString("00000000-0000-0000-0000-000000002407");

    public BusinessCalendar {
        hours = List.copyOf(hours);
        holidays = List.copyOf(holidays);
    }

    BusinessTime businessTime() {
        return new BusinessTime(ZoneId.of(timeZone), hours, holidays.stream().map(Holiday::date).toList());
    }
}
