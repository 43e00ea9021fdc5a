package io.opsline.monitoring.internal.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code check_history}: appended in batches, read newest first. */
@Repository
public class HistoryRepository {

    private static final String COLUMNS = "id, ci_id, check_id, at, kind, state, state_type, attempt, output,"
            + " caused_by, author, text";
    private static final int MAX_OUTPUT = 4000;
    private static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    HistoryRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void appendAll(Collection<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var rows = new ArrayList<Object[]>(entries.size());
        for (var e : entries) {
            rows.add(new Object[] {e.id(), e.ciId(), e.checkId(), Jdbc.timestamp(e.at()), e.kind().name(), e.state(),
                    e.stateType(), e.attempt(), cut(e.output(), MAX_OUTPUT), e.causedBy(), e.author(),
                    cut(e.text(), MAX_TEXT)});
        }
        template.batchUpdate("INSERT INTO check_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
        jdbc.sql("UPDATE check_history_generation SET generation = generation + 1 WHERE id = 1").update();
    }

    /** A number that grows whenever history is added, on any node: a cheap sign that states changed. */
    public long generation() {
        return jdbc.sql("SELECT generation FROM check_history_generation WHERE id = 1").query(Long.class).single();
    }

    /** A check's history, newest first. */
    public List<HistoryEntry> findByCheck(UUID checkId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_history WHERE check_id = ? ORDER BY at DESC, id LIMIT ?")
                .params(checkId, limit).query(HistoryRepository::map).list();
    }

    /** Everything recorded about a CI and its checks, newest first. */
    public List<HistoryEntry> findByCi(UUID ciId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_history WHERE ci_id = ? ORDER BY at DESC, id LIMIT ?")
                .params(ciId, limit).query(HistoryRepository::map).list();
    }

    private static HistoryEntry map(ResultSet rs, int n) throws SQLException {
        return new HistoryEntry(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "ci_id"), Jdbc.uuid(rs, "check_id"),
                Jdbc.instant(rs, "at"), HistoryKind.valueOf(rs.getString("kind")), rs.getString("state"),
                rs.getString("state_type"), (Integer) rs.getObject("attempt"), rs.getString("output"),
                Jdbc.uuid(rs, "caused_by"), rs.getString("author"), rs.getString("text"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
