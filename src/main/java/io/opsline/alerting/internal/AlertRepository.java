package io.opsline.alerting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.platform.BulkInsert;
import io.opsline.platform.BulkUpdate;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert} and {@code alert_history}: written in batches by the intake, read by people. */
@Repository
class AlertRepository {

    private static final String COLUMNS = "id, fingerprint, source, dedup_key, status, severity, summary, ci_id,"
            + " ci_hint, labels, details, link, first_seen, last_seen, occurrences, acknowledged_at, acknowledged_by,"
            + " resolved_at, resolved_by, suppressed_by, version";
    private static final int IN_BATCH = 500;
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** This engine's row lock for an update, see {@link DatabaseEngine#lockForUpdate()}. */
    private final String lockForUpdate;
    private final DatabaseEngine engine;
    private final JsonMapper json;
    private final BulkInsert insertAlerts;
    private final BulkInsert insertActivity;
    private final BulkInsert insertHistory;
    private final BulkInsert insertEarlyResolves;
    private final BulkUpdate updateStates;
    private final BulkUpdate rewriteAlerts;
    private final ValueList uuids;
    private final ValueList texts;
    /** Arrays of counts and times, bound whole, for statements that join them to rows as {@code unnest} does. */
    private final ValueList counts;
    private final ValueList times;

    AlertRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.lockForUpdate = engine.lockForUpdate();
        this.engine = engine;
        this.uuids = new ValueList(engine, "uuid");
        this.texts = new ValueList(engine, "text");
        this.counts = new ValueList(engine, "int8");
        this.times = new ValueList(engine, "timestamptz");
        this.insertAlerts = new BulkInsert(engine, "alert", "id uuid, fingerprint text, open_fingerprint text,"
                + " source text, dedup_key text, status text, severity text, summary text, ci_id uuid, ci_hint text,"
                + " labels text, details text, link text, first_seen timestamptz, last_seen timestamptz,"
                + " occurrences int8, acknowledged_at timestamptz, acknowledged_by text, resolved_at timestamptz,"
                + " resolved_by text, suppressed_by text, version int4");
        this.insertActivity = new BulkInsert(engine, "alert_activity", "fingerprint text, alert_id uuid,"
                + " content_hash text, occurrences int8, first_seen timestamptz, last_seen timestamptz");
        this.insertHistory = new BulkInsert(engine, "alert_history", "id uuid, alert_id uuid, at timestamptz,"
                + " kind text, status text, severity text, actor text, text text");
        this.insertEarlyResolves = new BulkInsert(engine, "alert_early_resolve",
                "fingerprint text, resolved_at timestamptz, kept_until timestamptz");
        var state = "open_fingerprint text, status text, first_seen timestamptz, last_seen timestamptz,"
                + " occurrences int8, acknowledged_at timestamptz, acknowledged_by text, resolved_at timestamptz,"
                + " resolved_by text, suppressed_by text, version int4";
        this.updateStates = new BulkUpdate(engine, "alert", "id uuid", state);
        this.rewriteAlerts = new BulkUpdate(engine, "alert", "id uuid",
                "severity text, summary text, labels text, details text, link text, " + state);
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
            withLiveCounts(jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE " + texts.in("open_fingerprint", "fingerprints")
                    + " ORDER BY open_fingerprint " + lockForUpdate).param("fingerprints", texts.of(chunk))
                    .query(this::map).list())
                    .forEach(alert -> found.put(alert.fingerprint(), alert));
        }
        return found;
    }

    /**
     * Counts repeats on the activity rows of the open alerts they repeat, where the alert says what
     * they say; returns the fingerprints so counted. The others (no open alert, or something new to
     * say) are for the locked path. Nothing is read first: the update adds to what is stored, so two
     * nodes counting one alert at once both count.
     *
     * <p>On PostgreSQL one statement counts them all, joining arrays of the repeats to the rows the
     * primary key finds for their fingerprints: a statement per repeat cost the server about half as
     * much again, in binds and executions. It takes the rows in the order it finds them, not by
     * fingerprint; a deadlock with another batch that this allows is retried like any race (see
     * {@link IntakeQueue}). H2 updates row by row, in fingerprint order, as {@link #lockOpen} locks.
     */
    Set<String> countRepeats(Collection<Repeat> repeats) {
        if (repeats.isEmpty()) {
            return Set.of();
        }
        var sorted = repeats.stream().sorted(Comparator.comparing(Repeat::fingerprint)).toList();
        if (engine == DatabaseEngine.POSTGRESQL) {
            return countRepeatsAtOnce(sorted);
        }
        var rows = new ArrayList<Object[]>(sorted.size());
        for (var r : sorted) {
            rows.add(new Object[] {r.count(), Jdbc.timestamp(r.earliest()), Jdbc.timestamp(r.latest()), r.fingerprint(),
                r.contentHash()});
        }
        var updated = template.batchUpdate("UPDATE alert_activity SET occurrences = occurrences + ?,"
                + " first_seen = LEAST(first_seen, ?), last_seen = GREATEST(last_seen, ?)"
                + " WHERE fingerprint = ? AND content_hash = ?", rows);
        var counted = new HashSet<String>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] > 0) {
                counted.add(sorted.get(i).fingerprint());
            }
        }
        return counted;
    }

    /** {@link #countRepeats} in one PostgreSQL statement; the fingerprints are distinct, one repeat each. */
    private Set<String> countRepeatsAtOnce(List<Repeat> repeats) {
        var fingerprints = texts.of(repeats.stream().map(Repeat::fingerprint).toList());
        // The fingerprints twice: = ANY lets the primary key find the rows, which the arrays then join.
        return new HashSet<>(jdbc.sql("UPDATE alert_activity a"
                + " SET occurrences = a.occurrences + r.n, first_seen = LEAST(a.first_seen, r.earliest),"
                + " last_seen = GREATEST(a.last_seen, r.latest)"
                + " FROM unnest(?::text[], ?::text[], ?::int8[], ?::timestamptz[], ?::timestamptz[])"
                + " AS r(fingerprint, content_hash, n, earliest, latest)"
                + " WHERE a.fingerprint = ANY(?::text[]) AND a.fingerprint = r.fingerprint"
                + " AND a.content_hash = r.content_hash RETURNING a.fingerprint")
                .params(fingerprints, texts.of(repeats.stream().map(Repeat::contentHash).toList()),
                        counts.of(repeats.stream().map(Repeat::count).toList()),
                        times.of(repeats.stream().map(r -> Jdbc.timestamp(r.earliest())).toList()),
                        times.of(repeats.stream().map(r -> Jdbc.timestamp(r.latest())).toList()), fingerprints)
                .query(String.class).list());
    }

    /**
     * Resolves the open alerts of these fingerprints and returns them as they now are; a fingerprint
     * without an open alert is left for the locked path, which remembers its resolve.
     *
     * <p>On PostgreSQL one statement resolves them all: it takes each alert's counts from its
     * activity row onto the alert, then deletes that row. The locked path does the same with a lock,
     * a read of the alert, a read of its activity row, an update and a delete; locking alone cost the
     * server as much per alert as the update. The alert is written before its activity row, the
     * order the locked path takes them in. A repeat another node counts between this statement's
     * read of the activity row and its delete is not counted, as on the locked path. H2 resolves none
     * here: it has no statement that both changes and deletes, and two would do what the locked path
     * does.
     */
    List<Alert> resolveOpen(Collection<Resolve> resolves) {
        if (resolves.isEmpty() || engine != DatabaseEngine.POSTGRESQL) {
            return List.of();
        }
        var fingerprints = texts.of(resolves.stream().map(Resolve::fingerprint).toList());
        // The fingerprints twice, as for counting repeats: = ANY lets the index of open alerts find them.
        return jdbc.sql("WITH r AS (SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::text[])"
                + " AS r(fingerprint, at, by)),"
                + " resolved AS (UPDATE alert a SET open_fingerprint = NULL, status = 'RESOLVED',"
                + " resolved_at = r.at, resolved_by = r.by, occurrences = g.occurrences, first_seen = g.first_seen,"
                + " last_seen = g.last_seen, version = a.version + 1 FROM r, alert_activity g"
                + " WHERE a.open_fingerprint = ANY(?::text[]) AND a.open_fingerprint = r.fingerprint"
                + " AND g.fingerprint = r.fingerprint RETURNING a.*),"
                + " gone AS (DELETE FROM alert_activity WHERE alert_id IN (SELECT id FROM resolved))"
                + " SELECT " + COLUMNS + " FROM resolved")
                .params(fingerprints, times.of(resolves.stream().map(r -> Jdbc.timestamp(r.at())).toList()),
                        texts.of(resolves.stream().map(Resolve::by).toList()), fingerprints)
                .query(this::map).list();
    }

    /**
     * The open alerts with these ids, locked until the transaction ends, in the order
     * {@link #lockOpen} locks (by fingerprint), so that this never waits crosswise with the intake.
     */
    List<Alert> lockOpenById(Collection<UUID> ids) {
        var wanted = Set.copyOf(ids);
        var all = List.copyOf(wanted);
        var fingerprints = new ArrayList<String>();
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            fingerprints.addAll(jdbc.sql("SELECT open_fingerprint FROM alert WHERE " + uuids.in("id", "ids")
                    + " AND open_fingerprint IS NOT NULL").param("ids", uuids.of(all.subList(from, Math.min(all.size(),
                            from + IN_BATCH)))).query(String.class).list());
        }
        return lockOpen(fingerprints).values().stream().filter(alert -> wanted.contains(alert.id())).toList();
    }

    /**
     * Open alerts (not locked) in these statuses, on these CIs; {@code ciIds} null for any CI and for
     * none.
     */
    List<Alert> findOpen(Set<AlertStatus> statuses, Collection<UUID> ciIds) {
        if (ciIds != null && ciIds.isEmpty()) {
            return List.of();
        }
        var names = statuses.stream().map(Enum::name).toList();
        if (ciIds == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM alert_now WHERE open_fingerprint IS NOT NULL AND status IN (:statuses)")
                    .param("statuses", names).query(this::map).list();
        }
        var found = new ArrayList<Alert>();
        var all = List.copyOf(new TreeSet<>(ciIds));
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM alert_now WHERE " + uuids.in("ci_id", "cis")
                    + " AND open_fingerprint IS NOT NULL AND status IN (:statuses)")
                    .param("cis", uuids.of(all.subList(from, Math.min(all.size(), from + IN_BATCH))))
                    .param("statuses", names).query(this::map).list());
        }
        return found;
    }

    /** Open alerts suppressed for one of these reasons. */
    List<Alert> findSuppressedBy(Collection<String> reasons) {
        if (reasons.isEmpty()) {
            return List.of();
        }
        // Only open alerts that are suppressed have a reason: the status index finds those few.
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_now WHERE status = 'SUPPRESSED' AND "
                + texts.in("suppressed_by", "reasons") + " AND open_fingerprint IS NOT NULL")
                .param("reasons", texts.of(reasons)).query(this::map).list();
    }

    /** For each of these fingerprints with a remembered resolve, the time of the newest one still kept. */
    Map<String, Instant> earlyResolves(Collection<String> fingerprints, Instant now) {
        var found = new HashMap<String, Instant>();
        var all = List.copyOf(new TreeSet<>(fingerprints));
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            jdbc.sql("SELECT fingerprint, MAX(resolved_at) AS resolved_at FROM alert_early_resolve"
                    + " WHERE " + texts.in("fingerprint", "fingerprints") + " AND kept_until > :now GROUP BY fingerprint")
                    .param("fingerprints", texts.of(all.subList(from, Math.min(all.size(), from + IN_BATCH))))
                    .param("now", Jdbc.timestamp(now))
                    .query((rs, n) -> found.put(rs.getString("fingerprint"), Jdbc.instant(rs, "resolved_at"))).list();
        }
        return found;
    }

    void rememberEarlyResolves(Map<String, Instant> resolvedAt, Instant keptUntil) {
        if (resolvedAt.isEmpty()) {
            return;
        }
        var rows = new ArrayList<Object[]>(resolvedAt.size());
        resolvedAt.forEach((fingerprint, at) -> rows.add(new Object[] {fingerprint, Jdbc.timestamp(at),
            Jdbc.timestamp(keptUntil)}));
        insertEarlyResolves.insert(template, rows);
    }

    int forgetEarlyResolves(Instant now) {
        return jdbc.sql("DELETE FROM alert_early_resolve WHERE kept_until <= ?").param(Jdbc.timestamp(now)).update();
    }

    List<Alert> findAll(Collection<UUID> ids) {
        var found = new ArrayList<Alert>();
        var all = List.copyOf(Set.copyOf(ids));
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM alert_now WHERE " + uuids.in("id", "ids"))
                    .param("ids", uuids.of(all.subList(from, Math.min(all.size(), from + IN_BATCH)))).query(this::map)
                    .list());
        }
        return found;
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_now WHERE id = ?").param(id).query(this::map).optional();
    }

    Optional<Alert> findForUpdate(UUID id) {
        return withLiveCounts(jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE id = ? FOR UPDATE").param(id)
                .query(this::map).list()).stream().findFirst();
    }

    /**
     * These alerts with the counts of the open ones' activity rows. The rows are not locked: what
     * is written back is only what a change adds to them (see {@link #updateAll}), so a repeat
     * counted meanwhile is not overwritten.
     */
    private List<Alert> withLiveCounts(List<Alert> alerts) {
        var open = alerts.stream().filter(alert -> alert.status().isOpen()).map(Alert::fingerprint).toList();
        if (open.isEmpty()) {
            return alerts;
        }
        record Counts(long occurrences, Instant firstSeen, Instant lastSeen) {
        }
        var counts = new HashMap<String, Counts>();
        jdbc.sql("SELECT fingerprint, occurrences, first_seen, last_seen FROM alert_activity"
                + " WHERE " + texts.in("fingerprint", "fingerprints")).param("fingerprints", texts.of(open))
                .query(rs -> {
                    counts.put(rs.getString("fingerprint"), new Counts(rs.getLong("occurrences"),
                            Jdbc.instant(rs, "first_seen"), Jdbc.instant(rs, "last_seen")));
                });
        return alerts.stream().map(a -> {
            var c = a.status().isOpen() ? counts.get(a.fingerprint()) : null;
            return c == null ? a : new Alert(a.id(), a.fingerprint(), a.source(), a.dedupKey(), a.status(), a.severity(),
                    a.summary(), a.ciId(), a.ciHint(), a.labels(), a.details(), a.link(), c.firstSeen(), c.lastSeen(),
                    c.occurrences(), a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(), a.resolvedBy(),
                    a.suppressedBy(), a.version());
        }).toList();
    }

    void insertAll(Collection<Alert> alerts) {
        var rows = new ArrayList<Object[]>(alerts.size());
        for (var a : alerts) {
            rows.add(new Object[] {a.id(), a.fingerprint(), a.status().isOpen() ? a.fingerprint() : null, a.source(),
                a.dedupKey(), a.status().name(), a.severity().name(), a.summary(), a.ciId(), a.ciHint(),
                json.writeValueAsString(a.labels()), json.writeValueAsString(a.details()), a.link(),
                Jdbc.timestamp(a.firstSeen()), Jdbc.timestamp(a.lastSeen()), a.occurrences(),
                a.acknowledgedAt() == null ? null : Jdbc.timestamp(a.acknowledgedAt()), a.acknowledgedBy(),
                a.resolvedAt() == null ? null : Jdbc.timestamp(a.resolvedAt()), a.resolvedBy(), a.suppressedBy(),
                a.version()});
        }
        insertAlerts.insert(template, rows);
        insertActivity.insert(template, alerts.stream().filter(a -> a.status().isOpen())
                .map(a -> new Object[] {a.fingerprint(), a.id(), a.contentHash(), a.occurrences(),
                    Jdbc.timestamp(a.firstSeen()), Jdbc.timestamp(a.lastSeen())}).toList());
    }

    /**
     * Writes what changed on alerts this transaction has locked. An open alert's counts go onto its
     * activity row as what this change added to them since {@code before}, so that repeats another
     * node counted meanwhile stay counted; an alert that ended takes its counts onto its own row
     * and its activity row goes. A change that leaves what the alert says as it was (acknowledged,
     * resolved, suppressed: most changes) writes only its state, not its labels and details again.
     *
     * @param before each changed alert as it was read, by id
     */
    void updateAll(Collection<Alert> alerts, Map<UUID, Alert> before) {
        var rewritten = new ArrayList<Object[]>();
        var stateOnly = new ArrayList<Object[]>();
        var stillOpen = new ArrayList<Object[]>();
        var ended = new ArrayList<UUID>();
        for (var a : alerts) {
            var was = before.get(a.id());
            var saysTheSame = was != null && a.saysTheSameAs(was);
            var state = new Object[] {a.status().isOpen() ? a.fingerprint() : null, a.status().name(),
                Jdbc.timestamp(a.firstSeen()), Jdbc.timestamp(a.lastSeen()), a.occurrences(),
                a.acknowledgedAt() == null ? null : Jdbc.timestamp(a.acknowledgedAt()), a.acknowledgedBy(),
                a.resolvedAt() == null ? null : Jdbc.timestamp(a.resolvedAt()), a.resolvedBy(), a.suppressedBy(),
                a.version(), a.id()};
            if (saysTheSame) {
                stateOnly.add(state);
            } else {
                var says = Stream.of(a.severity().name(), a.summary(), json.writeValueAsString(a.labels()),
                        json.writeValueAsString(a.details()), a.link());
                rewritten.add(Stream.concat(says, Arrays.stream(state)).toArray());
            }
            if (a.status().isOpen()) {
                // The digest only when what it says changed; the stored one stands otherwise.
                var added = a.occurrences() - (was == null ? a.occurrences() : was.occurrences());
                stillOpen.add(new Object[] {saysTheSame ? null : a.contentHash(), added, Jdbc.timestamp(a.firstSeen()),
                    Jdbc.timestamp(a.lastSeen()), a.fingerprint()});
            } else {
                ended.add(a.id());
            }
        }
        rewriteAlerts.update(template, rewritten);
        updateStates.update(template, stateOnly);
        template.batchUpdate("UPDATE alert_activity SET content_hash = COALESCE(?, content_hash),"
                + " occurrences = occurrences + ?, first_seen = LEAST(first_seen, ?),"
                + " last_seen = GREATEST(last_seen, ?) WHERE fingerprint = ?", stillOpen);
        for (int from = 0; from < ended.size(); from += IN_BATCH) {
            jdbc.sql("DELETE FROM alert_activity WHERE " + uuids.in("alert_id", "ids"))
                    .param("ids", uuids.of(ended.subList(from, Math.min(ended.size(), from + IN_BATCH)))).update();
        }
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
        insertHistory.insert(template, rows);
    }

    /** An alert's timeline, oldest first: the lines stored, and the line its end makes when it has ended. */
    List<AlertChange> history(Alert alert) {
        var lines = new ArrayList<>(jdbc.sql("SELECT id, alert_id, at, kind, status, severity, actor, text"
                + " FROM alert_history WHERE alert_id = ?").param(alert.id())
                .query((rs, n) -> new AlertChange(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "alert_id"), Jdbc.instant(rs, "at"),
                        AlertChange.Kind.valueOf(rs.getString("kind")), AlertStatus.valueOf(rs.getString("status")),
                        Severity.valueOf(rs.getString("severity")), rs.getString("actor"), rs.getString("text")))
                .list());
        if (alert.resolvedAt() != null) {
            lines.add(AlertChange.resolution(alert));
        }
        lines.sort(AlertChange.ORDER);
        return lines;
    }

    /** Open alerts by severity; severities without any are left out. */
    Map<Severity, Long> countOpenBySeverity() {
        var counts = new HashMap<Severity, Long>();
        jdbc.sql("SELECT severity, COUNT(*) AS n FROM alert WHERE open_fingerprint IS NOT NULL"
                + " AND status IN ('FIRING', 'ACKNOWLEDGED', 'SUPPRESSED') GROUP BY severity")
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
            if (filter.statuses().stream().allMatch(AlertStatus::isOpen)) {
                // Says nothing new, but lets PostgreSQL use its status index, which holds open alerts only.
                where.append(" AND open_fingerprint IS NOT NULL");
            }
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
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM alert_now" + where + order + " LIMIT :limit OFFSET :offset")
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
                rs.getString("suppressed_by"), rs.getInt("version"));
    }
}
