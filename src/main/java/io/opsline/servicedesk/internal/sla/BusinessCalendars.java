package io.opsline.servicedesk.internal.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Business calendars, kept by admins and audited. A change to a calendar's hours or holidays moves
 * the due times of the clocks that measure in it at once.
 */
@Service
public class BusinessCalendars {

    static final int MAX_NAME = 100;
    static final int MAX_HOURS = 70;
    static final int MAX_HOLIDAYS = 1000;

    private final CalendarRepository calendars;
    private final SlaClocks clocks;
    private final AuditLog audit;

    BusinessCalendars(CalendarRepository calendars, SlaClocks clocks, AuditLog audit) {
        this.calendars = calendars;
        this.clocks = clocks;
        this.audit = audit;
    }

    public List<BusinessCalendar> list() {
        return calendars.findAll();
    }

    public BusinessCalendar get(UUID id) {
        return calendars.find(id).orElseThrow(() -> new NotFoundException("Business calendar", id));
    }

    /** By id or by name. */
    BusinessCalendar find(String idOrName) {
        var id = Ids.parseOrNull(idOrName);
        return (id != null ? calendars.find(id) : calendars.findByName(idOrName)).orElse(null);
    }

    @Transactional
    public BusinessCalendar create(CalendarInput input) {
        var now = Jdbc.now();
        var valid = validate(input, null);
        var calendar = new BusinessCalendar(Ids.newId(), valid.name(), valid.timeZone(), valid.hours(),
                valid.holidays(), now, now, 0);
        calendars.insert(calendar);
        audit.record(new AuditEntry("business-calendar.create", "business-calendar", calendar.id().toString(),
                "Created business calendar " + calendar.name(), null, calendar));
        return calendar;
    }

    /** Replaces a calendar's name, zone, hours and holidays; the clocks measuring in it follow. */
    @Transactional
    public BusinessCalendar update(UUID id, CalendarInput input) {
        var before = get(id);
        var valid = validate(input, id);
        SlaChecks.checkVersion(input.version(), before.version(), "Business calendar " + before.name());
        var after = new BusinessCalendar(id, valid.name(), valid.timeZone(), valid.hours(), valid.holidays(),
                before.createdAt(), Jdbc.now(), before.version() + 1);
        if (!calendars.update(after)) {
            throw SlaChecks.changedMeanwhile("Business calendar " + before.name());
        }
        clocks.calendarChanged(after);
        audit.record(new AuditEntry("business-calendar.update", "business-calendar", id.toString(),
                "Changed business calendar " + after.name(), before, after));
        return after;
    }

    /** Deletes a calendar no policy and no incident's clock measures in. */
    @Transactional
    public void delete(UUID id) {
        var before = get(id);
        var uses = calendars.uses(id);
        if (uses > 0) {
            throw new ConflictException("Business calendar " + before.name() + " is used by " + uses
                    + " SLA policies and clocks; move them to another calendar first");
        }
        calendars.delete(id);
        audit.record(new AuditEntry("business-calendar.delete", "business-calendar", id.toString(),
                "Deleted business calendar " + before.name(), before, null));
    }

    private Valid validate(CalendarInput input, UUID self) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        if (name != null) {
            calendars.findByName(name).filter(other -> !other.id().equals(self)).ifPresent(other ->
                    violations.add("name", "a business calendar named " + other.name() + " exists already"));
        }
        var zone = zone(input.timeZone(), violations);
        var hours = hours(input.hours(), violations);
        var holidays = holidays(input.holidays(), violations);
        violations.throwIfAny("Invalid business calendar");
        return new Valid(name, zone, hours, holidays);
    }

    private static String zone(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add("timeZone", "is required: an IANA time zone such as Europe/Berlin");
            return null;
        }
        var zone = text.strip();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            violations.add("timeZone", "unknown time zone '" + zone + "': use an IANA name such as Europe/Berlin");
            return null;
        }
        return zone;
    }

    private static List<WorkingHours> hours(List<CalendarInput.HoursInput> inputs, Violations violations) {
        if (inputs == null || inputs.isEmpty()) {
            violations.add("hours", "is required: at least one weekday with working hours");
            return List.of();
        }
        if (inputs.size() > MAX_HOURS) {
            violations.add("hours", "at most " + MAX_HOURS + " stretches of working hours");
            return List.of();
        }
        var hours = new ArrayList<WorkingHours>();
        for (var i = 0; i < inputs.size(); i++) {
            var field = "hours[" + i + "]";
            var input = inputs.get(i);
            if (input == null) {
                violations.add(field, "is required");
                continue;
            }
            var day = day(input.day());
            if (day == null) {
                violations.add(field + ".day", "must be a weekday: monday, tuesday, … sunday");
            }
            var start = minute(input.start(), false);
            if (start < 0) {
                violations.add(field + ".start", "must be a time of day from 00:00 to 23:59");
            }
            var end = minute(input.end(), true);
            if (end < 0) {
                violations.add(field + ".end", "must be a time of day from 00:01 to 24:00");
            } else if (start >= 0 && end <= start) {
                violations.add(field + ".end", "must be after the start (" + WorkingHours.text(start) + ")");
            }
            if (day == null || start < 0 || end <= start) {
                continue;
            }
            var stretch = new WorkingHours(day, start, end);
            hours.stream().filter(stretch::overlaps).findFirst().ifPresentOrElse(
                    other -> violations.add(field, "overlaps " + other.day().name().toLowerCase(Locale.ROOT) + " "
                            + other.start() + "–" + other.end()),
                    () -> hours.add(stretch));
        }
        return hours;
    }

    private static List<Holiday> holidays(List<CalendarInput.HolidayInput> inputs, Violations violations) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > MAX_HOLIDAYS) {
            violations.add("holidays", "at most " + MAX_HOLIDAYS + " holidays");
            return List.of();
        }
        var holidays = new ArrayList<Holiday>();
        var dates = new HashSet<LocalDate>();
        for (var i = 0; i < inputs.size(); i++) {
            var field = "holidays[" + i + "]";
            var input = inputs.get(i);
            if (input == null || input.date() == null || input.date().isBlank()) {
                violations.add(field + ".date", "is required: a date such as 2026-12-25");
                continue;
            }
            var name = violations.optional(field + ".name", input.name(), MAX_NAME);
            try {
                var date = LocalDate.parse(input.date().strip());
                if (!dates.add(date)) {
                    violations.add(field + ".date", date + " is listed twice");
                }
                holidays.add(new Holiday(date, name));
            } catch (DateTimeParseException e) {
                violations.add(field + ".date", "must be a date such as 2026-12-25");
            }
        }
        return holidays;
    }

    private static DayOfWeek day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var wanted = text.strip().toUpperCase(Locale.ROOT);
        for (var day : DayOfWeek.values()) {
            if (day.name().equals(wanted) || (wanted.length() == 3 && day.name().startsWith(wanted))) {
                return day;
            }
        }
        return null;
    }

    /** Minutes since midnight for "HH:mm"; -1 when the text is no such time ("24:00" only for an end). */
    private static int minute(String text, boolean end) {
        if (text == null || !text.strip().matches("\\d{1,2}:\\d{2}")) {
            return -1;
        }
        var parts = text.strip().split(":");
        var hour = Integer.parseInt(parts[0]);
        var minute = Integer.parseInt(parts[1]);
        if (minute > 59 || hour > 24 || (hour == 24 && (minute > 0 || !end))) {
            return -1;
        }
        var total = hour * 60 + minute;
        return end && total == 0 ? -1 : total;
    }

    private record Valid(String name, String timeZone, List<WorkingHours> hours, List<Holiday> holidays) {
    }
}
