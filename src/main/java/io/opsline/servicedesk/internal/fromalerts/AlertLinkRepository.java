package io.opsline.servicedesk.internal.fromalerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.GroupedAlert;
import io.opsline.alerting.Severity;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;
import io.opsline.servicedesk.internal.Incidents;

/**
 * SQL for what incidents follow in alerting: {@code incident_alert_group}, {@code incident_alert}
 * and {@code incident_alerts_resolved}.
 */
@Repository
class AlertLinkRepository {

    private static final String GROUP_COLUMNS = "group_id, title, rule_id, rule_name, auto_resolve, linked_by, linked_at";
    private static final String ALERT_COLUMNS = "alert_id, group_id, ci_id, severity, summary, fired_at, resolved_at,"
            + " linked_at";
    /** Ids per IN list: well inside what either database takes in one statement. */
    private static final int IN_BATCH = 500;
    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 1000;

    /** An alert as the incident's timeline last told of it. */
    record StoredAlert(UUID alertId, UUID groupId, UUID ciId, Severity severity, String summary, Instant firedAt,
            Instant resolvedAt, Instant linkedAt) {
    }

    private final JdbcClient jdbc;
    private final ValueList uuids;

    AlertLinkRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    /**
     * Takes a group for an incident about to be opened, unless someone has taken it already (here,
     * on another node, or an earlier delivery of the same event); the incident is attached with
     * {@link #attach} in the same transaction. On PostgreSQL a second taker waits for the first to
     * commit and then takes nothing.
     */
    boolean claim(UUID groupId, String title, IncidentRule rule, Instant at) {
        return jdbc.sql("INSERT INTO incident_alert_group (" + GROUP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(groupId, shorten(title, MAX_TITLE), rule.id(), rule.name(), rule.autoResolve(),
                        Incidents.SYSTEM, Jdbc.timestamp(at))
                .update() == 1;
    }

    void attach(UUID groupId, UUID incidentId) {
        jdbc.sql("UPDATE incident_alert_group SET incident_id = ? WHERE group_id = ?").params(incidentId, groupId)
                .update();
    }

    /** Links a group to an incident by hand; false when the group follows an incident already. */
    boolean link(UUID groupId, UUID incidentId, String title, String by, Instant at) {
        return jdbc.sql("INSERT INTO incident_alert_group (group_id, incident_id, title, auto_resolve, linked_by,"
                        + " linked_at) VALUES (?, ?, ?, FALSE, ?, ?) ON CONFLICT DO NOTHING")
                .params(groupId, incidentId, shorten(title, MAX_TITLE), by, Jdbc.timestamp(at)).update() == 1;
    }

    Optional<UUID> incidentOf(UUID groupId) {
        return jdbc.sql("SELECT incident_id FROM incident_alert_group WHERE group_id = ? AND incident_id IS NOT NULL")
                .param(groupId).query(UUID.class).optional();
    }

    /** The incidents that follow any of these groups, each once. */
    Set<UUID> incidentsOf(Collection<UUID> groupIds) {
        var found = new LinkedHashSet<UUID>();
        var ids = List.copyOf(groupIds);
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            found.addAll(jdbc.sql("SELECT incident_id FROM incident_alert_group WHERE " + uuids.in("group_id", "ids")
                            + " AND incident_id IS NOT NULL")
                    .param("ids", uuids.of(ids.subList(from, Math.min(ids.size(), from + IN_BATCH))))
                    .query(UUID.class).list());
        }
        return found;
    }

    /**
     * Locks the incident until the transaction ends: what is written about its alerts is worked out
     * by one node at a time, and the incident does not change under an automatic resolve.
     *
     * @return false when there is no such incident
     */
    boolean lockIncident(UUID incidentId) {
        return !jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(incidentId).query(UUID.class).list()
                .isEmpty();
    }

    List<LinkedGroup> groups(UUID incidentId) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM incident_alert_group WHERE incident_id = ?"
                        + " ORDER BY linked_at, group_id")
                .param(incidentId)
                .query((rs, n) -> new LinkedGroup(Jdbc.uuid(rs, "group_id"), rs.getString("title"),
                        Jdbc.uuid(rs, "rule_id"), rs.getString("rule_name"), rs.getBoolean("auto_resolve"),
                        rs.getString("linked_by"), Jdbc.instant(rs, "linked_at")))
                .list();
    }

    List<StoredAlert> alerts(UUID incidentId) {
        return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM incident_alert WHERE incident_id = ?"
                        + " ORDER BY fired_at, alert_id")
                .param(incidentId).query(AlertLinkRepository::alert).list();
    }

    void insert(UUID incidentId, GroupedAlert alert, Instant resolvedAt, Instant at) {
        jdbc.sql("INSERT INTO incident_alert (incident_id, " + ALERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, alert.alertId(), alert.groupId(), alert.ciId(), alert.severity().name(),
                        shorten(alert.summary(), MAX_SUMMARY), Jdbc.timestamp(alert.firedAt()),
                        Jdbc.timestamp(resolvedAt), Jdbc.timestamp(at))
                .update();
    }

    void resolved(UUID incidentId, UUID alertId, Instant resolvedAt) {
        jdbc.sql("UPDATE incident_alert SET resolved_at = ? WHERE incident_id = ? AND alert_id = ?")
                .params(Jdbc.timestamp(resolvedAt), incidentId, alertId).update();
    }

    Optional<Instant> allResolvedAt(UUID incidentId) {
        return jdbc.sql("SELECT resolved_at FROM incident_alerts_resolved WHERE incident_id = ?").param(incidentId)
                .query((rs, n) -> Jdbc.instant(rs, "resolved_at")).optional();
    }

    void allResolved(UUID incidentId, Instant at) {
        jdbc.sql("INSERT INTO incident_alerts_resolved (incident_id, resolved_at) VALUES (?, ?)")
                .params(incidentId, Jdbc.timestamp(at)).update();
    }

    void notAllResolved(UUID incidentId) {
        jdbc.sql("DELETE FROM incident_alerts_resolved WHERE incident_id = ?").param(incidentId).update();
    }

    /** Incidents not closed that follow an alert still open, the longest followed first: those to check again. */
    List<UUID> withOpenAlerts(int limit) {
        return jdbc.sql("SELECT a.incident_id FROM incident_alert a JOIN incident i ON i.id = a.incident_id"
                        + " WHERE a.resolved_at IS NULL AND i.state <> 'CLOSED'"
                        + " GROUP BY a.incident_id ORDER BY MIN(a.linked_at), a.incident_id LIMIT ?")
                .param(limit).query(UUID.class).list();
    }

    /** The text cut to {@code max} characters, control characters made spaces: alert texts come from anywhere. */
    static String shorten(String text, int max) {
        var clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    private static StoredAlert alert(ResultSet rs, int n) throws SQLException {
        return new StoredAlert(Jdbc.uuid(rs, "alert_id"), Jdbc.uuid(rs, "group_id"), Jdbc.uuid(rs, "ci_id"),
                Severity.valueOf(rs.getString("severity")), rs.getString("summary"), Jdbc.instant(rs, "fired_at"),
                Jdbc.instant(rs, "resolved_at"), Jdbc.instant(rs, "linked_at"));
    }
}
