package io.opsline.servicedesk.internal.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.Severity;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code incident_sla} (the clocks) and {@code incident_sla_pause}. */
@Repository
class ClockRepository {

    private static final String COLUMNS = "id, incident_id, kind, policy_id, calendar_id, target_ms, warning_percent,"
            + " started_at, stopped_at, warn_at, due_at, warned_at, breached_at, alert_severity";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    ClockRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    List<SlaClock> forIncidents(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_sla WHERE " + uuids.in("incident_id", "ids")
                + " ORDER BY incident_id, kind").param("ids", uuids.of(incidentIds)).query(ClockRepository::clock)
                .list();
    }

    /** The incident's clocks, locked until the transaction ends, so the evaluator leaves them alone meanwhile. */
    List<SlaClock> lockForIncident(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_sla WHERE incident_id = ? FOR UPDATE")
                .param(incidentId).query(ClockRepository::clock).list();
    }

    /** The clocks still counting in this calendar, locked until the transaction ends. */
    List<SlaClock> lockRunningIn(UUID calendarId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_sla WHERE calendar_id = ? AND stopped_at IS NULL FOR UPDATE")
                .param(calendarId).query(ClockRepository::clock).list();
    }

    /** Clocks the evaluator has something to do for at {@code now}; not locked (see {@link #claim}). */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM incident_sla WHERE check_at <= ? ORDER BY check_at LIMIT ?")
                .params(Jdbc.timestamp(now), limit).query(UUID.class).list();
    }

    /** The clock, locked, unless another node holds it: then that node is dealing with it. */
    Optional<SlaClock> claim(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_sla WHERE id = ? FOR UPDATE SKIP LOCKED").param(id)
                .query(ClockRepository::clock).optional();
    }

    void insert(SlaClock clock, Instant now) {
        jdbc.sql("INSERT INTO incident_sla (" + COLUMNS + ", check_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(clock.id(), clock.incidentId(), clock.kind().name(), clock.policyId(), clock.calendarId(),
                        clock.target().toMillis(), clock.warningPercent(), Jdbc.timestamp(clock.startedAt()),
                        Jdbc.timestamp(clock.stoppedAt()), Jdbc.timestamp(clock.warnAt()),
                        Jdbc.timestamp(clock.dueAt()), Jdbc.timestamp(clock.warnedAt()),
                        Jdbc.timestamp(clock.breachedAt()), name(clock.alertSeverity()),
                        Jdbc.timestamp(clock.checkAt(now)))
                .update();
    }

    void update(SlaClock clock, Instant now) {
        jdbc.sql("UPDATE incident_sla SET policy_id = ?, calendar_id = ?, target_ms = ?, warning_percent = ?,"
                        + " started_at = ?, stopped_at = ?, warn_at = ?, due_at = ?, warned_at = ?, breached_at = ?,"
                        + " alert_severity = ?, check_at = ? WHERE id = ?")
                .params(clock.policyId(), clock.calendarId(), clock.target().toMillis(), clock.warningPercent(),
                        Jdbc.timestamp(clock.startedAt()), Jdbc.timestamp(clock.stoppedAt()),
                        Jdbc.timestamp(clock.warnAt()), Jdbc.timestamp(clock.dueAt()),
                        Jdbc.timestamp(clock.warnedAt()), Jdbc.timestamp(clock.breachedAt()),
                        name(clock.alertSeverity()), Jdbc.timestamp(clock.checkAt(now)), clock.id())
                .update();
    }

    Map<UUID, List<Pause>> pauses(Collection<UUID> incidentIds) {
        var pauses = new HashMap<UUID, List<Pause>>();
        if (incidentIds.isEmpty()) {
            return pauses;
        }
        jdbc.sql("SELECT incident_id, paused_at, resumed_at FROM incident_sla_pause WHERE "
                        + uuids.in("incident_id", "ids") + " ORDER BY paused_at")
                .param("ids", uuids.of(incidentIds))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "incident_id"),
                        new Pause(Jdbc.instant(rs, "paused_at"), Jdbc.instant(rs, "resumed_at"))))
                .list().forEach(e -> pauses.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return pauses;
    }

    void openPause(UUID incidentId, Instant at) {
        jdbc.sql("INSERT INTO incident_sla_pause (id, incident_id, paused_at) VALUES (?, ?, ?)")
                .params(Ids.newId(), incidentId, Jdbc.timestamp(at)).update();
    }

    void closePause(UUID incidentId, Instant at) {
        jdbc.sql("UPDATE incident_sla_pause SET resumed_at = ? WHERE incident_id = ? AND resumed_at IS NULL")
                .params(Jdbc.timestamp(at), incidentId).update();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static SlaClock clock(ResultSet rs, int row) throws SQLException {
        var severity = rs.getString("alert_severity");
        return new SlaClock(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "incident_id"), ClockKind.valueOf(rs.getString("kind")),
                Jdbc.uuid(rs, "policy_id"), Jdbc.uuid(rs, "calendar_id"), Duration.ofMillis(rs.getLong("target_ms")),
                rs.getInt("warning_percent"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "stopped_at"),
                Jdbc.instant(rs, "warn_at"), Jdbc.instant(rs, "due_at"), Jdbc.instant(rs, "warned_at"),
                Jdbc.instant(rs, "breached_at"), severity == null ? null : Severity.valueOf(severity));
    }
}
