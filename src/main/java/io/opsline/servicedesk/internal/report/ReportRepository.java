package io.opsline.servicedesk.internal.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.Priority;

/**
 * The report's aggregate queries over {@code incident}. Durations are differences of epoch seconds and
 * days are UTC days, written the same way for H2 and PostgreSQL; each query reads one index range.
 */
@Repository
class ReportRepository {

    private static final String OPEN = "state IN ('NEW', 'IN_PROGRESS', 'ON_HOLD')";

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Open(UUID teamId, Priority priority, long count) {
    }

    record Timing(Priority priority, LocalDate day, long count, double totalSeconds) {
    }

    record Linked(UUID id, long count) {
    }

    /** SLA clocks of one kind that stopped on one day, and how many of them stopped in time. */
    record Compliance(LocalDate day, String kind, long stopped, long met) {
    }

    List<Open> backlog(ReportPeriod period) {
        var scope = new Scope(period);
        return jdbc.sql("SELECT team_id, priority, COUNT(*) AS n FROM incident WHERE " + OPEN + scope.where
                        + " GROUP BY team_id, priority")
                .params(scope.params)
                .query((rs, n) -> new Open(Jdbc.uuid(rs, "team_id"), Priority.ofRank(rs.getInt("priority")),
                        rs.getLong("n")))
                .list();
    }

    /** Incidents opened per day and priority in the period (their time is not summed: 0). */
    List<Timing> opened(ReportPeriod period) {
        return timings(period, "created_at", null);
    }

    /** Incidents first answered per day and priority, with the summed seconds from start to answer. */
    List<Timing> responded(ReportPeriod period) {
        return timings(period, "responded_at", "started_at");
    }

    /** Incidents resolved per day and priority, with the summed seconds from start to resolution. */
    List<Timing> resolved(ReportPeriod period) {
        return timings(period, "resolved_at", "started_at");
    }

    /** SLA clocks that stopped in the period (the response or resolution they measured came), per day and kind. */
    List<Compliance> slaCompliance(ReportPeriod period) {
        var scope = new Scope(period, "i.");
        var params = new ArrayList<Object>();
        params.add(Jdbc.timestamp(period.start()));
        params.add(Jdbc.timestamp(period.end()));
        params.addAll(scope.params);
        var day = "CAST((s.stopped_at AT TIME ZONE 'UTC') AS DATE)";
        return jdbc.sql("SELECT " + day + " AS on_day, s.kind, COUNT(*) AS n,"
                        // Met: stopped by its due time, whether or not the evaluator had come round to telling.
                        + " SUM(CASE WHEN s.breached_at IS NULL AND (s.due_at IS NULL OR s.stopped_at <= s.due_at)"
                        + " THEN 1 ELSE 0 END) AS met"
                        + " FROM incident_sla s JOIN incident i ON i.id = s.incident_id"
                        + " WHERE s.stopped_at >= ? AND s.stopped_at < ?" + scope.where + " GROUP BY " + day + ", s.kind")
                .params(params)
                .query((rs, n) -> new Compliance(rs.getObject("on_day", LocalDate.class), rs.getString("kind"),
                        rs.getLong("n"), rs.getLong("met")))
                .list();
    }

    /** Business services of incidents opened in the period, most incidents first. */
    List<Linked> services(ReportPeriod period, int limit) {
        return linked(period, "incident_service", "service_id", limit);
    }

    /** CIs of incidents opened in the period, most incidents first. */
    List<Linked> cis(ReportPeriod period, int limit) {
        return linked(period, "incident_ci", "ci_id", limit);
    }

    private List<Linked> linked(ReportPeriod period, String table, String column, int limit) {
        var scope = new Scope(period, "i.");
        var params = new ArrayList<Object>();
        params.add(Jdbc.timestamp(period.start()));
        params.add(Jdbc.timestamp(period.end()));
        params.addAll(scope.params);
        params.add(limit);
        return jdbc.sql("SELECT l." + column + " AS id, COUNT(*) AS n FROM " + table + " l JOIN incident i ON i.id ="
                        + " l.incident_id WHERE i.created_at >= ? AND i.created_at < ?" + scope.where + " GROUP BY l."
                        + column + " ORDER BY n DESC, l." + column + " LIMIT ?")
                .params(params).query((rs, n) -> new Linked(Jdbc.uuid(rs, "id"), rs.getLong("n"))).list();
    }

    private List<Timing> timings(ReportPeriod period, String at, String since) {
        var scope = new Scope(period);
        var params = new ArrayList<Object>();
        params.add(Jdbc.timestamp(period.start()));
        params.add(Jdbc.timestamp(period.end()));
        params.addAll(scope.params);
        var seconds = since == null ? "0"
                : "SUM(EXTRACT(EPOCH FROM " + at + ") - EXTRACT(EPOCH FROM " + since + "))";
        return jdbc.sql("SELECT CAST((" + at + " AT TIME ZONE 'UTC') AS DATE) AS on_day, priority, COUNT(*) AS n, " + seconds
                        + " AS seconds FROM incident WHERE " + at + " >= ? AND " + at + " < ?" + scope.where
                        + " GROUP BY CAST((" + at + " AT TIME ZONE 'UTC') AS DATE), priority")
                .params(params).query(ReportRepository::timing).list();
    }

    private static Timing timing(ResultSet rs, int row) throws SQLException {
        return new Timing(Priority.ofRank(rs.getInt("priority")), rs.getObject("on_day", LocalDate.class),
                rs.getLong("n"), rs.getDouble("seconds"));
    }

    /** The team or service condition, as " AND ..." with its parameters. */
    private static final class Scope {
        final String where;
        final List<Object> params = new ArrayList<>();

        Scope(ReportPeriod period) {
            this(period, "");
        }

        Scope(ReportPeriod period, String alias) {
            var where = new StringBuilder();
            if (period.teamId() != null) {
                where.append(" AND ").append(alias).append("team_id = ?");
                params.add(period.teamId());
            }
            if (period.serviceId() != null) {
                where.append(" AND ").append(alias)
                        .append("id IN (SELECT incident_id FROM incident_service WHERE service_id = ?)");
                params.add(period.serviceId());
            }
            this.where = where.toString();
        }
    }
}
