package io.opsline.servicedesk.internal.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
import io.opsline.servicedesk.internal.request.ServiceRequest.FieldValue;

/** SQL for {@code service_request}, its field values, its tasks ({@code request_task}) and timeline. */
@Repository
class ServiceRequestRepository {

    private static final String COLUMNS = "id, number, type_id, type_name, requester_id, opened_by, state, approver_id,"
            + " approver_team_id, decided_by, decided_at, decision_comment, team_id, created_at, updated_at,"
            + " fulfilled_at, closed_at, version";
    private static final String TASK_COLUMNS = "id, request_id, position, title, team_id, assignee_id, state, done_by,"
            + " done_at, version";
    /** Waiting for an approver first, then the rest still open, then those over; the newest first in each. */
    private static final String QUEUE_ORDER = " ORDER BY CASE WHEN state = 'AWAITING_APPROVAL' THEN 0"
            + " WHEN state IN ('SUBMITTED', 'APPROVED', 'IN_FULFILMENT') THEN 1 ELSE 2 END, created_at DESC, id";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    ServiceRequestRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    long nextNumber() {
        return jdbc.sql("SELECT nextval('service_request_number_seq')").query(Long.class).single();
    }

    void insert(ServiceRequest request) {
        jdbc.sql("INSERT INTO service_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?)")
                .params(request.id(), request.number(), request.typeId(), request.typeName(), request.requesterId(),
                        request.openedBy(), request.state().name(), request.approverId(), request.approverTeamId(),
                        request.decidedBy(), Jdbc.timestamp(request.decidedAt()), request.decisionComment(),
                        request.teamId(), Jdbc.timestamp(request.createdAt()), Jdbc.timestamp(request.updatedAt()),
                        Jdbc.timestamp(request.fulfilledAt()), Jdbc.timestamp(request.closedAt()), request.version())
                .update();
        for (var i = 0; i < request.values().size(); i++) {
            var value = request.values().get(i);
            jdbc.sql("INSERT INTO service_request_value (request_id, position, field_key, label, answer)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(request.id(), i, value.key(), value.label(), value.value()).update();
        }
    }

    /** Stores a change if nobody changed the request since {@code after.version() - 1}; false if someone did. */
    boolean update(ServiceRequest after) {
        return jdbc.sql("UPDATE service_request SET state = ?, decided_by = ?, decided_at = ?, decision_comment = ?,"
                        + " updated_at = ?, fulfilled_at = ?, closed_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.state().name(), after.decidedBy(), Jdbc.timestamp(after.decidedAt()),
                        after.decisionComment(), Jdbc.timestamp(after.updatedAt()), Jdbc.timestamp(after.fulfilledAt()),
                        Jdbc.timestamp(after.closedAt()), after.version(), after.id(), after.version() - 1)
                .update() == 1;
    }

    /**
     * Holds the request's row until the transaction ends, so that changes to its tasks on several
     * nodes take turns and exactly one of them sees the last task done.
     */
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM service_request WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    Optional<ServiceRequest> find(UUID id) {
        return withValues(jdbc.sql("SELECT " + COLUMNS + " FROM service_request WHERE id = ?").param(id)
                .query(ServiceRequestRepository::request).list()).stream().findFirst();
    }

    Optional<ServiceRequest> findByNumber(long number) {
        return withValues(jdbc.sql("SELECT " + COLUMNS + " FROM service_request WHERE number = ?").param(number)
                .query(ServiceRequestRepository::request).list()).stream().findFirst();
    }

    Page<ServiceRequest> search(RequestFilter filter, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (!filter.states().isEmpty()) {
            where.append(" AND state IN (").append(placeholders(filter.states().size())).append(')');
            filter.states().forEach(s -> params.add(s.name()));
        }
        if (filter.typeId() != null) {
            where.append(" AND type_id = ?");
            params.add(filter.typeId());
        }
        if (filter.requesterId() != null) {
            where.append(" AND requester_id = ?");
            params.add(filter.requesterId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            var number = ServiceRequest.parseReference(filter.text().strip());
            if (number > 0) {
                where.append(" AND number = ?");
                params.add(number);
            } else {
                where.append(" AND LOWER(type_name) LIKE ? ESCAPE '\\'");
                params.add(Jdbc.likeContains(filter.text().strip().toLowerCase()));
            }
        }
        var total = jdbc.sql("SELECT COUNT(*) FROM service_request" + where).params(params).query(Long.class).single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM service_request" + where + QUEUE_ORDER + " LIMIT ? OFFSET ?")
                .params(pageParams).query(ServiceRequestRepository::request).list();
        return page.toPage(withValues(rows), total);
    }

    void insertTask(RequestTask task) {
        jdbc.sql("INSERT INTO request_task (" + TASK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(task.id(), task.requestId(), task.position(), task.title(), task.teamId(), task.assigneeId(),
                        task.state().name(), task.doneBy(), Jdbc.timestamp(task.doneAt()), task.version())
                .update();
    }

    boolean updateTask(RequestTask after) {
        return jdbc.sql("UPDATE request_task SET assignee_id = ?, state = ?, done_by = ?, done_at = ?, version = ?"
                        + " WHERE id = ? AND version = ?")
                .params(after.assigneeId(), after.state().name(), after.doneBy(), Jdbc.timestamp(after.doneAt()),
                        after.version(), after.id(), after.version() - 1)
                .update() == 1;
    }

    List<RequestTask> tasks(UUID requestId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM request_task WHERE request_id = ? ORDER BY position")
                .param(requestId)
                .query((rs, n) -> new RequestTask(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "request_id"), rs.getInt("position"),
                        rs.getString("title"), Jdbc.uuid(rs, "team_id"), Jdbc.uuid(rs, "assignee_id"),
                        TaskState.valueOf(rs.getString("state")), rs.getString("done_by"), Jdbc.instant(rs, "done_at"),
                        rs.getLong("version")))
                .list();
    }

    void insertEntry(RequestEntry entry) {
        jdbc.sql("INSERT INTO request_entry (id, request_id, at, kind, actor, visible_to_requester, body, from_value,"
                        + " to_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.id(), entry.requestId(), Jdbc.timestamp(entry.at()), entry.kind().name(), entry.actor(),
                        entry.visibleToRequester(), entry.body(), entry.from(), entry.to())
                .update();
    }

    /** The timeline, oldest first; only what the requester may see when {@code requesterView}. */
    List<RequestEntry> timeline(UUID requestId, boolean requesterView) {
        return jdbc.sql("SELECT id, request_id, at, kind, actor, visible_to_requester, body, from_value, to_value"
                        + " FROM request_entry WHERE request_id = ?"
                        + (requesterView ? " AND visible_to_requester" : "") + " ORDER BY at, seq")
                .param(requestId)
                .query((rs, n) -> new RequestEntry(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "request_id"),
                        Jdbc.instant(rs, "at"), RequestEntryKind.valueOf(rs.getString("kind")), rs.getString("actor"),
                        rs.getBoolean("visible_to_requester"), rs.getString("body"), rs.getString("from_value"),
                        rs.getString("to_value")))
                .list();
    }

    private List<ServiceRequest> withValues(List<ServiceRequest> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var ids = rows.stream().map(ServiceRequest::id).toList();
        var values = new HashMap<UUID, List<FieldValue>>();
        jdbc.sql("SELECT request_id, field_key, label, answer FROM service_request_value WHERE "
                        + uuids.in("request_id", "ids") + " ORDER BY request_id, position")
                .param("ids", uuids.of(ids))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "request_id"),
                        new FieldValue(rs.getString("field_key"), rs.getString("label"), rs.getString("answer")))).list()
                .forEach(e -> values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new ServiceRequest(r.id(), r.number(), r.typeId(), r.typeName(), r.requesterId(),
                r.openedBy(), r.state(), r.approverId(), r.approverTeamId(), r.decidedBy(), r.decidedAt(),
                r.decisionComment(), r.teamId(), r.createdAt(), r.updatedAt(), r.fulfilledAt(), r.closedAt(),
                r.version(), values.getOrDefault(r.id(), List.of()))).toList();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static ServiceRequest request(ResultSet rs, int row) throws SQLException {
        return new ServiceRequest(Jdbc.uuid(rs, "id"), rs.getLong("number"), Jdbc.uuid(rs, "type_id"),
                rs.getString("type_name"), Jdbc.uuid(rs, "requester_id"), rs.getString("opened_by"),
                RequestState.valueOf(rs.getString("state")), Jdbc.uuid(rs, "approver_id"),
                Jdbc.uuid(rs, "approver_team_id"), rs.getString("decided_by"), Jdbc.instant(rs, "decided_at"),
                rs.getString("decision_comment"), Jdbc.uuid(rs, "team_id"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), Jdbc.instant(rs, "fulfilled_at"), Jdbc.instant(rs, "closed_at"),
                rs.getLong("version"), List.of());
    }
}
