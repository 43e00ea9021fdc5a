package io.opsline.servicedesk.internal.sla;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code business_calendar}, its hours and its holidays. */
@Repository
class CalendarRepository {

    private final JdbcClient jdbc;
    private final ValueList uuids;

    CalendarRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    List<BusinessCalendar> findAll() {
        return withDetails(jdbc.sql("SELECT id, name, time_zone, created_at, updated_at, version FROM business_calendar"
                + " ORDER BY LOWER(name), id").query(this::calendar).list());
    }

    Optional<BusinessCalendar> find(UUID id) {
        return withDetails(jdbc.sql("SELECT id, name, time_zone, created_at, updated_at, version FROM business_calendar"
                + " WHERE id = ?").param(id).query(this::calendar).list()).stream().findFirst();
    }

    Optional<BusinessCalendar> findByName(String name) {
        return withDetails(jdbc.sql("SELECT id, name, time_zone, created_at, updated_at, version FROM business_calendar"
                + " WHERE LOWER(name) = ?").param(name.toLowerCase()).query(this::calendar).list()).stream().findFirst();
    }

    void insert(BusinessCalendar calendar) {
        jdbc.sql("INSERT INTO business_calendar (id, name, time_zone, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(calendar.id(), calendar.name(), calendar.timeZone(), Jdbc.timestamp(calendar.createdAt()),
                        Jdbc.timestamp(calendar.updatedAt()), calendar.version())
                .update();
        insertDetails(calendar);
    }

    /** Stores a change made on top of {@code after.version() - 1}; false when someone changed it meanwhile. */
    boolean update(BusinessCalendar after) {
        var updated = jdbc.sql("UPDATE business_calendar SET name = ?, time_zone = ?, updated_at = ?, version = ?"
                        + " WHERE id = ? AND version = ?")
                .params(after.name(), after.timeZone(), Jdbc.timestamp(after.updatedAt()), after.version(), after.id(),
                        after.version() - 1)
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM business_calendar_hours WHERE calendar_id = ?").param(after.id()).update();
        jdbc.sql("DELETE FROM business_calendar_holiday WHERE calendar_id = ?").param(after.id()).update();
        insertDetails(after);
        return true;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM business_calendar WHERE id = ?").param(id).update() == 1;
    }

    /** How many policies and clocks measure in this calendar: it cannot go while any do. */
    long uses(UUID id) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM sla_policy WHERE calendar_id = :id)"
                + " + (SELECT COUNT(*) FROM incident_sla WHERE calendar_id = :id)").param("id", id)
                .query(Long.class).single();
    }

    private void insertDetails(BusinessCalendar calendar) {
        for (var hours : calendar.hours()) {
            jdbc.sql("INSERT INTO business_calendar_hours (calendar_id, day_of_week, start_minute, end_minute)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(calendar.id(), hours.day().getValue(), hours.startMinute(), hours.endMinute()).update();
        }
        for (var holiday : calendar.holidays()) {
            jdbc.sql("INSERT INTO business_calendar_holiday (calendar_id, holiday_date, name) VALUES (?, ?, ?)")
                    .params(calendar.id(), holiday.date(), holiday.name()).update();
        }
    }

    private List<BusinessCalendar> withDetails(List<BusinessCalendar> calendars) {
        if (calendars.isEmpty()) {
            return calendars;
        }
        var ids = uuids.of(calendars.stream().map(BusinessCalendar::id).toList());
        var hours = new HashMap<UUID, List<WorkingHours>>();
        jdbc.sql("SELECT calendar_id, day_of_week, start_minute, end_minute FROM business_calendar_hours"
                        + " WHERE " + uuids.in("calendar_id", "ids") + " ORDER BY day_of_week, start_minute")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "calendar_id"), new WorkingHours(
                        DayOfWeek.of(rs.getInt("day_of_week")), rs.getInt("start_minute"), rs.getInt("end_minute"))))
                .list().forEach(e -> hours.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        var holidays = new HashMap<UUID, List<Holiday>>();
        jdbc.sql("SELECT calendar_id, holiday_date, name FROM business_calendar_holiday WHERE "
                        + uuids.in("calendar_id", "ids") + " ORDER BY holiday_date")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "calendar_id"),
                        new Holiday(Jdbc.date(rs, "holiday_date"), rs.getString("name"))))
                .list().forEach(e -> holidays.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return calendars.stream().map(c -> new BusinessCalendar(c.id(), c.name(), c.timeZone(),
                hours.getOrDefault(c.id(), List.of()), holidays.getOrDefault(c.id(), List.of()), c.createdAt(),
                c.updatedAt(), c.version())).toList();
    }

    private BusinessCalendar calendar(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new BusinessCalendar(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("time_zone"), List.of(),
                List.of(), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
