package io.opsline.alerting.internal.suppress;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code alert_maintenance} and its CIs. */
@Repository
class MaintenanceRepository {

    private static final String COLUMNS = "downtime_id, started_at, ends_at, author, comment, ended_at, cancelled";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ValueList uuids;

    MaintenanceRepository(JdbcClient jdbc, JdbcTemplate template, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.uuids = new ValueList(engine, "uuid");
    }

    /** The window of this downtime, locked until the transaction ends. */
    Optional<MaintenanceWindow> lock(UUID downtimeId, Instant now) {
        var found = jdbc.sql("SELECT " + COLUMNS + " FROM alert_maintenance WHERE downtime_id = ? FOR UPDATE")
                .param(downtimeId).query((rs, n) -> map(rs, Set.of(), now)).optional();
        return found.map(window -> withCis(List.of(window), now).getFirst());
    }

    /** Stores a window, replacing the downtime's earlier one (a weekly downtime's last week). */
    void save(MaintenanceWindow window) {
        jdbc.sql("DELETE FROM alert_maintenance WHERE downtime_id = ?").param(window.downtimeId()).update();
        jdbc.sql("INSERT INTO alert_maintenance (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(window.downtimeId(), Jdbc.timestamp(window.startedAt()), Jdbc.timestamp(window.endsAt()),
                        window.author(), window.comment(), Jdbc.timestamp(window.endedAt()), window.cancelled())
                .update();
        var rows = new ArrayList<Object[]>();
        window.ciIds().forEach(ci -> rows.add(new Object[] {window.downtimeId(), ci}));
        template.batchUpdate("INSERT INTO alert_maintenance_ci (downtime_id, ci_id) VALUES (?, ?)", rows);
    }

    /** Windows not ended by monitoring, or ended after {@code endedSince}; the latest starting first. */
    List<MaintenanceWindow> findCurrentAndEndedSince(Instant endedSince, Instant now) {
        var windows = jdbc.sql("SELECT " + COLUMNS + " FROM alert_maintenance WHERE ended_at IS NULL OR ended_at > ?"
                + " ORDER BY started_at DESC, downtime_id").param(Jdbc.timestamp(endedSince))
                .query((rs, n) -> map(rs, Set.of(), now)).list();
        return withCis(windows, now);
    }

    private List<MaintenanceWindow> withCis(List<MaintenanceWindow> windows, Instant now) {
        if (windows.isEmpty()) {
            return windows;
        }
        var cis = new HashMap<UUID, Set<UUID>>();
        var ids = windows.stream().map(MaintenanceWindow::downtimeId).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("SELECT downtime_id, ci_id FROM alert_maintenance_ci WHERE " + uuids.in("downtime_id", "ids"))
                    .param("ids", uuids.of(ids.subList(from, Math.min(ids.size(), from + 500))))
                    .query((rs, n) -> cis.computeIfAbsent(Jdbc.uuid(rs, "downtime_id"), id -> new HashSet<>())
                            .add(Jdbc.uuid(rs, "ci_id")))
                    .list();
        }
        return windows.stream().map(w -> new MaintenanceWindow(w.downtimeId(),
                Set.copyOf(cis.getOrDefault(w.downtimeId(), Set.of())), w.startedAt(), w.endsAt(), w.author(),
                w.comment(), w.endedAt(), w.cancelled(), w.active())).toList();
    }

    private static MaintenanceWindow map(ResultSet rs, Set<UUID> cis, Instant now) throws SQLException {
        var startedAt = Jdbc.instant(rs, "started_at");
        var endsAt = Jdbc.instant(rs, "ends_at");
        var endedAt = Jdbc.instant(rs, "ended_at");
        return new MaintenanceWindow(Jdbc.uuid(rs, "downtime_id"), cis, startedAt, endsAt, rs.getString("author"),
                rs.getString("comment"), endedAt, rs.getBoolean("cancelled"),
                MaintenanceWindow.activeAt(startedAt, endsAt, endedAt, now));
    }
}
