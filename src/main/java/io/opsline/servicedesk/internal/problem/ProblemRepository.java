package io.opsline.servicedesk.internal.problem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;

/** SQL for {@code problem}, its CIs, its linked incidents and its timeline. */
@Repository
class ProblemRepository {

    private static final String COLUMNS = "id, number, title, description, state, root_cause, workaround, team_id,"
            + " assignee_id, opened_by, created_at, updated_at, known_error_at, resolved_at, closed_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    ProblemRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    long nextNumber() {
        return jdbc.sql("SELECT nextval('problem_number_seq')").query(Long.class).single();
    }

    void insert(Problem problem) {
        jdbc.sql("INSERT INTO problem (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(problem.id(), problem.number(), problem.title(), problem.description(), problem.state().name(),
                        problem.rootCause(), problem.workaround(), problem.teamId(), problem.assigneeId(),
                        problem.openedBy(), Jdbc.timestamp(problem.createdAt()), Jdbc.timestamp(problem.updatedAt()),
                        Jdbc.timestamp(problem.knownErrorAt()), Jdbc.timestamp(problem.resolvedAt()),
                        Jdbc.timestamp(problem.closedAt()), problem.version())
                .update();
        replaceCis(problem);
    }

    /** Stores a change if nobody changed the problem since {@code after.version() - 1}; false if someone did. */
    boolean update(Problem after) {
        return jdbc.sql("UPDATE problem SET title = ?, description = ?, state = ?, root_cause = ?, workaround = ?,"
                        + " team_id = ?, assignee_id = ?, updated_at = ?, known_error_at = ?, resolved_at = ?,"
                        + " closed_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.title(), after.description(), after.state().name(), after.rootCause(), after.workaround(),
                        after.teamId(), after.assigneeId(), Jdbc.timestamp(after.updatedAt()),
                        Jdbc.timestamp(after.knownErrorAt()), Jdbc.timestamp(after.resolvedAt()),
                        Jdbc.timestamp(after.closedAt()), after.version(), after.id(), after.version() - 1)
                .update() == 1;
    }

    void replaceCis(Problem problem) {
        jdbc.sql("DELETE FROM problem_ci WHERE problem_id = ?").param(problem.id()).update();
        for (var ciId : problem.ciIds()) {
            jdbc.sql("INSERT INTO problem_ci (problem_id, ci_id) VALUES (?, ?)").params(problem.id(), ciId).update();
        }
    }

    /** Links an incident; a {@link org.springframework.dao.DuplicateKeyException} when it is linked already. */
    void link(UUID problemId, UUID incidentId, String actor, Instant at) {
        jdbc.sql("INSERT INTO problem_incident (problem_id, incident_id, linked_by, linked_at) VALUES (?, ?, ?, ?)")
                .params(problemId, incidentId, actor, Jdbc.timestamp(at)).update();
    }

    /** Whether the incident was linked (and now is not). */
    boolean unlink(UUID problemId, UUID incidentId) {
        return jdbc.sql("DELETE FROM problem_incident WHERE problem_id = ? AND incident_id = ?")
                .params(problemId, incidentId).update() == 1;
    }

    Optional<Problem> find(UUID id) {
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM problem WHERE id = ?").param(id)
                .query(ProblemRepository::problem).list()).stream().findFirst();
    }

    Optional<Problem> findByNumber(long number) {
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM problem WHERE number = ?").param(number)
                .query(ProblemRepository::problem).list()).stream().findFirst();
    }

    /** Open problems first (newest first), then resolved and closed ones (latest change first). */
    Page<Problem> search(ProblemFilter filter, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (!filter.states().isEmpty()) {
            where.append(" AND state IN (").append(placeholders(filter.states().size())).append(')');
            filter.states().forEach(s -> params.add(s.name()));
        }
        if (filter.ciId() != null) {
            where.append(" AND id IN (SELECT problem_id FROM problem_ci WHERE ci_id = ?)");
            params.add(filter.ciId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            var number = Problem.parseReference(filter.text().strip());
            if (number > 0) {
                where.append(" AND number = ?");
                params.add(number);
            } else {
                where.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
                params.add(Jdbc.likeContains(filter.text().strip().toLowerCase()));
            }
        }
        var total = jdbc.sql("SELECT COUNT(*) FROM problem" + where).params(params).query(Long.class).single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM problem" + where
                        + " ORDER BY CASE WHEN state IN ('RESOLVED', 'CLOSED') THEN 1 ELSE 0 END,"
                        + " CASE WHEN state IN ('RESOLVED', 'CLOSED') THEN updated_at ELSE created_at END DESC, id"
                        + " LIMIT ? OFFSET ?")
                .params(pageParams).query(ProblemRepository::problem).list();
        return page.toPage(withLinks(rows), total);
    }

    /** Known errors touching any of these CIs, newest first. */
    List<Problem> knownErrorsTouching(Collection<UUID> ciIds) {
        if (ciIds.isEmpty()) {
            return List.of();
        }
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM problem WHERE state = 'KNOWN_ERROR' AND id IN"
                        + " (SELECT problem_id FROM problem_ci WHERE " + uuids.in("ci_id", "ids") + ")"
                        + " ORDER BY known_error_at DESC, id")
                .param("ids", uuids.of(ciIds)).query(ProblemRepository::problem).list());
    }

    void insertEntry(ProblemEntry entry) {
        jdbc.sql("INSERT INTO problem_entry (id, problem_id, at, kind, actor, body, from_value, to_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.id(), entry.problemId(), Jdbc.timestamp(entry.at()), entry.kind().name(), entry.actor(),
                        entry.body(), entry.from(), entry.to())
                .update();
    }

    /** The timeline, oldest first. */
    List<ProblemEntry> timeline(UUID problemId) {
        return jdbc.sql("SELECT id, problem_id, at, kind, actor, body, from_value, to_value FROM problem_entry"
                        + " WHERE problem_id = ? ORDER BY at, id")
                .param(problemId)
                .query((rs, n) -> new ProblemEntry(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "problem_id"),
                        Jdbc.instant(rs, "at"), ProblemEntry.Kind.valueOf(rs.getString("kind")), rs.getString("actor"),
                        rs.getString("body"), rs.getString("from_value"), rs.getString("to_value")))
                .list();
    }

    private List<Problem> withLinks(List<Problem> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var ids = uuids.of(rows.stream().map(Problem::id).toList());
        var cis = links("SELECT problem_id, ci_id AS linked FROM problem_ci", ids, "");
        var incidents = links("SELECT problem_id, incident_id AS linked FROM problem_incident", ids,
                " ORDER BY linked_at, incident_id");
        return rows.stream().map(p -> new Problem(p.id(), p.number(), p.title(), p.description(), p.state(),
                p.rootCause(), p.workaround(), p.teamId(), p.assigneeId(), p.openedBy(), p.createdAt(), p.updatedAt(),
                p.knownErrorAt(), p.resolvedAt(), p.closedAt(), p.version(), cis.getOrDefault(p.id(), List.of()),
                incidents.getOrDefault(p.id(), List.of()))).toList();
    }

    /** @param ids the problems' ids, as {@link ValueList#of} gives them */
    private Map<UUID, List<UUID>> links(String select, Object ids, String order) {
        var result = new HashMap<UUID, List<UUID>>();
        jdbc.sql(select + " WHERE " + uuids.in("problem_id", "ids") + order).param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "problem_id"), Jdbc.uuid(rs, "linked"))).list()
                .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return result;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Problem problem(ResultSet rs, int row) throws SQLException {
        return new Problem(Jdbc.uuid(rs, "id"), rs.getLong("number"), rs.getString("title"),
                rs.getString("description"), ProblemState.valueOf(rs.getString("state")), rs.getString("root_cause"),
                rs.getString("workaround"), Jdbc.uuid(rs, "team_id"), Jdbc.uuid(rs, "assignee_id"),
                rs.getString("opened_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                Jdbc.instant(rs, "known_error_at"), Jdbc.instant(rs, "resolved_at"), Jdbc.instant(rs, "closed_at"),
                rs.getLong("version"), List.of(), List.of());
    }
}
