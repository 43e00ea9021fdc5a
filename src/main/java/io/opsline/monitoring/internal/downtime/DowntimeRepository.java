package io.opsline.monitoring.internal.downtime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;

/** SQL for {@code downtime} and {@code downtime_occurrence}. */
@Repository
class DowntimeRepository {

    private static final String COLUMNS = "id, ci_id, check_id, tag, with_dependents, author, comment, starts_at,"
            + " ends_at, recur_days, recur_start_time, recur_minutes, recur_zone, created_at, cancelled_at,"
            + " cancelled_by";

    private final JdbcClient jdbc;
    private final ValueList uuids;
    private final ValueList texts;

    DowntimeRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
        this.texts = new ValueList(engine, "text");
    }

    void insert(Downtime d) {
        UUID ciId = null;
        UUID checkId = null;
        String tag = null;
        boolean withDependents = false;
        switch (d.scope()) {
            case Scope.WholeCi ci -> {
                ciId = ci.ciId();
                withDependents = ci.withDependents();
            }
            case Scope.OneCheck check -> {
                ciId = check.ciId();
                checkId = check.checkId();
            }
            case Scope.Tagged tagged -> tag = tagged.tag();
        }
        Instant start;
        Instant end;
        String days = null;
        LocalTime startTime = null;
        Integer minutes = null;
        String zone = null;
        switch (d.schedule()) {
            case Schedule.Once once -> {
                start = once.window().start();
                end = once.window().end();
            }
            case Schedule.Weekly weekly -> {
                start = weekly.seriesStart();
                end = weekly.until();
                days = EnumSet.copyOf(weekly.days()).stream().map(DayOfWeek::name).collect(Collectors.joining(","));
                startTime = weekly.startTime();
                minutes = Math.toIntExact(weekly.duration().toMinutes());
                zone = weekly.zone().getId();
            }
        }
        jdbc.sql("INSERT INTO downtime (" + COLUMNS + ", final_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")
                .params(d.id(), ciId, checkId, tag, withDependents, d.author(), d.comment(), Jdbc.timestamp(start),
                        Jdbc.timestamp(end), days, startTime, minutes, zone, Jdbc.timestamp(d.createdAt()),
                        Jdbc.timestamp(d.cancelledAt()), d.cancelledBy(), Jdbc.timestamp(d.schedule().finalEnd()))
                .update();
    }

    Optional<Downtime> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM downtime WHERE id = ?").param(id).query(DowntimeRepository::map)
                .optional();
    }

    /** Marks a downtime cancelled unless it already is; false if someone cancelled it first. */
    boolean cancel(UUID id, Instant at, String by) {
        return jdbc.sql("UPDATE downtime SET cancelled_at = ?, cancelled_by = ? WHERE id = ? AND cancelled_at IS NULL")
                .params(Jdbc.timestamp(at), by, id).update() == 1;
    }

    /** Every downtime not cancelled whose last window ends after {@code since} (or never). */
    List<Downtime> findLive(Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM downtime WHERE cancelled_at IS NULL"
                + " AND (final_end IS NULL OR final_end > ?)").param(Jdbc.timestamp(since))
                .query(DowntimeRepository::map).list();
    }

    /**
     * The downtimes that may cover a CI: on it, on a tag it carries, or with dependents on one of
     * its parents. Null for no such condition.
     */
    record Coverage(UUID ciId, Collection<String> tags, Collection<UUID> parents) {
    }

    /** Which downtimes a list asks for, before schedules are worked out. */
    enum Stage {
        /** Not cancelled and not over: active or upcoming. */
        LIVE, ENDED, CANCELLED;

        static Stage of(DowntimeStatus status) {
            return switch (status) {
                case UPCOMING, ACTIVE -> LIVE;
                case ENDED -> ENDED;
                case CANCELLED -> CANCELLED;
            };
        }
    }

    /** A page of downtimes, newest start first; {@code stage} null for all of them. */
    Page<Downtime> search(Coverage coverage, Stage stage, Instant now, PageRequest page) {
        var params = new HashMap<String, Object>();
        var where = where(coverage, stage, now, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM downtime" + where).params(params).query(Long.class).single();
        var rows = total == 0 ? List.<Downtime>of()
                : jdbc.sql("SELECT " + COLUMNS + " FROM downtime" + where
                        + " ORDER BY starts_at DESC, id DESC LIMIT :limit OFFSET :offset").params(params)
                        .param("limit", page.size()).param("offset", page.offset()).query(DowntimeRepository::map)
                        .list();
        return page.toPage(rows, total);
    }

    /** Every downtime in this stage, for lists that must work out schedules before paging. */
    List<Downtime> findAll(Coverage coverage, Stage stage, Instant now) {
        var params = new HashMap<String, Object>();
        var where = where(coverage, stage, now, params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM downtime" + where).params(params).query(DowntimeRepository::map)
                .list();
    }

    private String where(Coverage coverage, Stage stage, Instant now, Map<String, Object> params) {
        var conditions = new ArrayList<String>();
        if (coverage != null) {
            var covers = new StringBuilder("(ci_id = :ciId");
            params.put("ciId", coverage.ciId());
            if (!coverage.tags().isEmpty()) {
                covers.append(" OR ").append(texts.in("tag", "tags"));
                params.put("tags", texts.of(coverage.tags()));
            }
            if (!coverage.parents().isEmpty()) {
                covers.append(" OR (with_dependents = TRUE AND ").append(uuids.in("ci_id", "parents")).append(')');
                params.put("parents", uuids.of(coverage.parents()));
            }
            conditions.add(covers.append(')').toString());
        }
        if (stage != null) {
            switch (stage) {
                case LIVE -> {
                    conditions.add("cancelled_at IS NULL AND (final_end IS NULL OR final_end > :now)");
                    params.put("now", Jdbc.timestamp(now));
                }
                case ENDED -> {
                    conditions.add("cancelled_at IS NULL AND final_end <= :now");
                    params.put("now", Jdbc.timestamp(now));
                }
                case CANCELLED -> conditions.add("cancelled_at IS NOT NULL");
            }
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Claims the announcement of a window's start: true for the one caller whose row lands. The
     * downtime's row is locked first and must not be cancelled, so that a start is never
     * announced after a cancellation committed, and a cancellation waits for a start being
     * announced and then ends it.
     */
    boolean claimStart(UUID downtimeId, Window window, Set<UUID> ciIds) {
        var live = jdbc.sql("SELECT id FROM downtime WHERE id = ? AND cancelled_at IS NULL FOR UPDATE")
                .param(downtimeId).query(UUID.class).optional();
        if (live.isEmpty()) {
            return false;
        }
        return jdbc.sql("INSERT INTO downtime_occurrence (downtime_id, starts_at, ends_at, ci_ids, ended_at, cancelled)"
                + " VALUES (?, ?, ?, ?, NULL, FALSE) ON CONFLICT DO NOTHING")
                .params(downtimeId, Jdbc.timestamp(window.start()), Jdbc.timestamp(window.end()), join(ciIds))
                .update() == 1;
    }

    /** Claims the announcement of a started window's end: true for the one caller that closes it. */
    boolean claimEnd(UUID downtimeId, Instant start, Instant endedAt, boolean cancelled) {
        return jdbc.sql("UPDATE downtime_occurrence SET ended_at = ?, cancelled = ? WHERE downtime_id = ?"
                + " AND starts_at = ? AND ended_at IS NULL")
                .params(Jdbc.timestamp(endedAt), cancelled, downtimeId, Jdbc.timestamp(start)).update() == 1;
    }

    /** A window whose start was announced. */
    record Started(UUID downtimeId, Instant start) {
    }

    /** The windows whose start was announced and that end after {@code since}: those not to claim again. */
    Set<Started> startedEndingAfter(Instant since) {
        return Set.copyOf(jdbc.sql("SELECT downtime_id, starts_at FROM downtime_occurrence WHERE ends_at > ?")
                .param(Jdbc.timestamp(since))
                .query((rs, n) -> new Started(Jdbc.uuid(rs, "downtime_id"), Jdbc.instant(rs, "starts_at"))).list());
    }

    /** Started windows whose end is due: past their end, or of a downtime since cancelled. */
    List<Occurrence> openOccurrencesDue(Instant now) {
        return jdbc.sql("SELECT o.downtime_id, o.starts_at, o.ends_at, o.ci_ids, d.cancelled_at"
                + " FROM downtime_occurrence o JOIN downtime d ON d.id = o.downtime_id"
                + " WHERE o.ended_at IS NULL AND (o.ends_at <= ? OR d.cancelled_at IS NOT NULL)"
                + " ORDER BY o.ends_at").param(Jdbc.timestamp(now)).query(DowntimeRepository::occurrence).list();
    }

    /** The started, not yet ended windows of a downtime: one at most, unless ends are overdue. */
    List<Occurrence> openOccurrences(UUID downtimeId) {
        return jdbc.sql("SELECT o.downtime_id, o.starts_at, o.ends_at, o.ci_ids, d.cancelled_at"
                + " FROM downtime_occurrence o JOIN downtime d ON d.id = o.downtime_id"
                + " WHERE o.downtime_id = ? AND o.ended_at IS NULL ORDER BY o.starts_at").param(downtimeId)
                .query(DowntimeRepository::occurrence).list();
    }

    private static Occurrence occurrence(ResultSet rs, int n) throws SQLException {
        var text = rs.getString("ci_ids");
        var ciIds = text.isEmpty() ? Set.<UUID>of()
                : Arrays.stream(text.split(",")).map(UUID::fromString).collect(Collectors.toUnmodifiableSet());
        return new Occurrence(Jdbc.uuid(rs, "downtime_id"),
                new Window(Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at")), ciIds,
                Jdbc.instant(rs, "cancelled_at"));
    }

    private static Downtime map(ResultSet rs, int n) throws SQLException {
        var ciId = Jdbc.uuid(rs, "ci_id");
        var checkId = Jdbc.uuid(rs, "check_id");
        var tag = rs.getString("tag");
        Scope scope;
        if (tag != null) {
            scope = new Scope.Tagged(tag);
        } else if (checkId != null) {
            scope = new Scope.OneCheck(ciId, checkId);
        } else {
            scope = new Scope.WholeCi(ciId, rs.getBoolean("with_dependents"));
        }
        var start = Jdbc.instant(rs, "starts_at");
        var end = Jdbc.instant(rs, "ends_at");
        var days = rs.getString("recur_days");
        Schedule schedule;
        if (days == null) {
            schedule = new Schedule.Once(new Window(start, end));
        } else {
            var weekdays = EnumSet.noneOf(DayOfWeek.class);
            Arrays.stream(days.split(",")).map(DayOfWeek::valueOf).forEach(weekdays::add);
            schedule = new Schedule.Weekly(weekdays, rs.getObject("recur_start_time", LocalTime.class),
                    Duration.ofMinutes(rs.getInt("recur_minutes")), ZoneId.of(rs.getString("recur_zone")), start, end);
        }
        return new Downtime(Jdbc.uuid(rs, "id"), scope, rs.getString("author"), rs.getString("comment"), schedule,
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "cancelled_at"), rs.getString("cancelled_by"));
    }

    private static String join(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
    }
}
