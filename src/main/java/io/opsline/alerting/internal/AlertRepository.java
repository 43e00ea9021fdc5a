package io.opsline.alerting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert} and {@code alert_history}: written in batches by the intake, read by people. */
@Repository
class AlertRepository {

    private static final String COLUMNS = "id, fingerprint, source, dedup_key, status, severity, summary, ci_id,"
            + " ci_hint, labels, details, link, first_seen, last_seen, occurrences, acknowledged_at, acknowledged_by,"
            + " resolved_at, resolved_by, version";
    private static final int IN_BATCH = 500;
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    AlertRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /**
     * The open alerts with these fingerprints, locked until the transaction ends. Locked in
     * fingerprint order, the same on every node, so that two batches never wait for each other
     * crosswise.
     */
    Map<String, Alert> lockOpen(Collection<String> fingerprints) {
        var found = new HashMap<String, Alert>();
        var sorted = List.copyOf(new TreeSet<>(fingerprints));
        for (int from = 0; from < sorted.size(); from += IN_BATCH) {
            var chunk = sorted.subList(from, Math.min(sorted.size(), from + IN_BATCH));
            jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE open_fingerprint IN (:fingerprints)"
                    + " ORDER BY open_fingerprint FOR UPDATE").param("fingerprints", chunk).query(this::map).list()
                    .forEach(alert -> found.put(alert.fingerprint(), alert));
        }
        return found;
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE id = ?").param(id).query(this::map).optional();
    }

    Optional<Alert> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE id = ? FOR UPDATE").param(id).query(this::map)
                .optional();
    }

    void insertAll(Collection<Alert> alerts) {
        var rows = new ArrayList<Object[]>(alerts.size());
        for (var a : alerts) {
            rows.add(new Object[] {a.id(), a.fingerprint(), a.status().isOpen() ? a.fingerprint() : null, a.source(),
                a.dedupKey(), a.status().name(), a.severity().name(), a.summary(), a.ciId(), a.ciHint(),
                json.writeValueAsString(a.labels()), json.writeValueAsString(a.details()), a.link(),
                Jdbc.timestamp(a.firstSeen()), Jdbc.timestamp(a.lastSeen()), a.occurrences(),
                a.acknowledgedAt() == null ? null : Jdbc.timestamp(a.acknowledgedAt()), a.acknowledgedBy(),
                a.resolvedAt() == null ? null : Jdbc.timestamp(a.resolvedAt()), a.resolvedBy(), a.version()});
        }
        template.batchUpdate("INSERT INTO alert (id, fingerprint, open_fingerprint, source, dedup_key, status,"
                + " severity, summary, ci_id, ci_hint, labels, details, link, first_seen, last_seen, occurrences,"
                + " acknowledged_at, acknowledged_by, resolved_at, resolved_by, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Writes what changed on alerts this transaction has locked. */
    void updateAll(Collection<Alert> alerts) {
        var rows = new ArrayList<Object[]>(alerts.size());
        for (var a : alerts) {
            rows.add(new Object[] {a.status().isOpen() ? a.fingerprint() : null, a.status().name(),
                a.severity().name(), a.summary(), json.writeValueAsString(a.labels()),
                json.writeValueAsString(a.details()), a.link(), Jdbc.timestamp(a.firstSeen()),
                Jdbc.timestamp(a.lastSeen()), a.occurrences(),
                a.acknowledgedAt() == null ? null : Jdbc.timestamp(a.acknowledgedAt()), a.acknowledgedBy(),
                a.resolvedAt() == null ? null : Jdbc.timestamp(a.resolvedAt()), a.resolvedBy(), a.version(),
                a.id()});
        }
        template.batchUpdate("UPDATE alert SET open_fingerprint = ?, status = ?, severity = ?, summary = ?,"
                + " labels = ?, details = ?, link = ?, first_seen = ?, last_seen = ?, occurrences = ?, acknowledged_at = ?,"
                + " acknowledged_by = ?, resolved_at = ?, resolved_by = ?, version = ? WHERE id = ?", rows);
    }

    void appendHistory(Collection<AlertChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        var rows = new ArrayList<Object[]>(changes.size());
        for (var c : changes) {
            rows.add(new Object[] {c.id(), c.alertId(), Jdbc.timestamp(c.at()), c.kind().name(), c.status().name(),
                c.severity().name(), c.actor(), c.text()});
        }
        template.batchUpdate("INSERT INTO alert_history (id, alert_id, at, kind, status, severity, actor, text)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    List<AlertChange> history(UUID alertId) {
        return jdbc.sql("SELECT id, alert_id, at, kind, status, severity, actor, text FROM alert_history"
                + " WHERE alert_id = ? ORDER BY at, kind").param(alertId)
                .query((rs, n) -> new AlertChange(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "alert_id"), Jdbc.instant(rs, "at"),
                        AlertChange.Kind.valueOf(rs.getString("kind")), AlertStatus.valueOf(rs.getString("status")),
                        Severity.valueOf(rs.getString("severity")), rs.getString("actor"), rs.getString("text")))
                .list();
    }

    /** Open alerts by severity; severities without any are left out. */
    Map<Severity, Long> countOpenBySeverity() {
        var counts = new HashMap<Severity, Long>();
        jdbc.sql("SELECT severity, COUNT(*) AS n FROM alert"
                + " WHERE status IN ('FIRING', 'ACKNOWLEDGED', 'SUPPRESSED') GROUP BY severity")
                .query(rs -> {
                    counts.put(Severity.valueOf(rs.getString("severity")), rs.getLong("n"));
                });
        return counts;
    }

    /** Alerts matching a filter, problems first: open before resolved, worst first, newest first. */
    Page<Alert> page(AlertFilter filter, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new HashMap<String, Object>();
        if (!filter.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.severities().isEmpty()) {
            where.append(" AND severity IN (:severities)");
            params.put("severities", filter.severities().stream().map(Enum::name).toList());
        }
        if (filter.source() != null) {
            where.append(" AND source = :source");
            params.put("source", filter.source());
        }
        if (filter.ciId() != null) {
            where.append(" AND ci_id = :ci");
            params.put("ci", filter.ciId());
        }
        if (filter.unmapped()) {
            where.append(" AND ci_id IS NULL");
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" AND LOWER(summary) LIKE :text ESCAPE '\\'");
            params.put("text", Jdbc.likeContains(filter.text().toLowerCase(Locale.ROOT)));
        }
        var total = jdbc.sql("SELECT COUNT(*) FROM alert" + where).params(params).query(Long.class).single();
        var order = " ORDER BY CASE status WHEN 'FIRING' THEN 0 WHEN 'ACKNOWLEDGED' THEN 1 WHEN 'SUPPRESSED' THEN 2"
                + " ELSE 3 END, CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'ERROR' THEN 1 WHEN 'WARNING' THEN 2"
                + " ELSE 3 END, last_seen DESC, id";
        params.put("limit", page.size());
        params.put("offset", page.offset());
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM alert" + where + order + " LIMIT :limit OFFSET :offset")
                .params(params).query(this::map).list();
        return page.toPage(items, total);
    }

    private Alert map(ResultSet rs, int n) throws SQLException {
        return new Alert(Jdbc.uuid(rs, "id"), rs.getString("fingerprint"), rs.getString("source"),
                rs.getString("dedup_key"), AlertStatus.valueOf(rs.getString("status")),
                Severity.valueOf(rs.getString("severity")), rs.getString("summary"), Jdbc.uuid(rs, "ci_id"),
                rs.getString("ci_hint"), json.readValue(rs.getString("labels"), TEXT_MAP),
                json.readValue(rs.getString("details"), TEXT_MAP), rs.getString("link"), Jdbc.instant(rs, "first_seen"),
                Jdbc.instant(rs, "last_seen"), rs.getLong("occurrences"), Jdbc.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"), Jdbc.instant(rs, "resolved_at"), rs.getString("resolved_by"),
                rs.getInt("version"));
    }
}
