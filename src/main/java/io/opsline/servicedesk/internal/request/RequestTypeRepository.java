package io.opsline.servicedesk.internal.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code request_type} with its fields and task templates. */
@Repository
class RequestTypeRepository {

    private static final String COLUMNS = "id, name, description, team_id, approver_id, approver_team_id, active,"
            + " created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    RequestTypeRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    void insert(RequestType type) {
        jdbc.sql("INSERT INTO request_type (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(type.id(), type.name(), type.description(), type.teamId(), type.approverId(),
                        type.approverTeamId(), type.active(), Jdbc.timestamp(type.createdAt()),
                        Jdbc.timestamp(type.updatedAt()), type.version())
                .update();
        insertParts(type);
    }

    /** Stores a change if nobody changed the type since {@code after.version() - 1}; false if someone did. */
    boolean update(RequestType after) {
        var updated = jdbc.sql("UPDATE request_type SET name = ?, description = ?, team_id = ?, approver_id = ?,"
                        + " approver_team_id = ?, active = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.name(), after.description(), after.teamId(), after.approverId(), after.approverTeamId(),
                        after.active(), Jdbc.timestamp(after.updatedAt()), after.version(), after.id(),
                        after.version() - 1)
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM request_type_field WHERE type_id = ?").param(after.id()).update();
        jdbc.sql("DELETE FROM request_type_task WHERE type_id = ?").param(after.id()).update();
        insertParts(after);
        return true;
    }

    Optional<RequestType> find(UUID id) {
        return withParts(jdbc.sql("SELECT " + COLUMNS + " FROM request_type WHERE id = ?").param(id)
                .query(RequestTypeRepository::type).list()).stream().findFirst();
    }

    Optional<RequestType> findByName(String name) {
        return withParts(jdbc.sql("SELECT " + COLUMNS + " FROM request_type WHERE LOWER(name) = ?")
                .param(name.toLowerCase()).query(RequestTypeRepository::type).list()).stream().findFirst();
    }

    /** Every type by name, or only the active ones. */
    List<RequestType> all(boolean activeOnly) {
        return withParts(jdbc.sql("SELECT " + COLUMNS + " FROM request_type" + (activeOnly ? " WHERE active" : "")
                + " ORDER BY LOWER(name), id").query(RequestTypeRepository::type).list());
    }

    private void insertParts(RequestType type) {
        for (var i = 0; i < type.fields().size(); i++) {
            var field = type.fields().get(i);
            jdbc.sql("INSERT INTO request_type_field (type_id, position, field_key, label, kind, required, choices,"
                            + " max_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(type.id(), i, field.key(), field.label(), field.kind().name(), field.required(),
                            field.choices().isEmpty() ? null : String.join("\n", field.choices()), field.maxLength())
                    .update();
        }
        for (var i = 0; i < type.tasks().size(); i++) {
            var task = type.tasks().get(i);
            jdbc.sql("INSERT INTO request_type_task (type_id, position, title, team_id) VALUES (?, ?, ?, ?)")
                    .params(type.id(), i, task.title(), task.teamId()).update();
        }
    }

    private List<RequestType> withParts(List<RequestType> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var ids = uuids.of(rows.stream().map(RequestType::id).toList());
        var in = uuids.in("type_id", "ids");
        var fields = new HashMap<UUID, List<RequestField>>();
        jdbc.sql("SELECT type_id, field_key, label, kind, required, choices, max_length FROM request_type_field"
                        + " WHERE " + in + " ORDER BY type_id, position")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "type_id"), field(rs))).list()
                .forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        var tasks = new HashMap<UUID, List<TaskTemplate>>();
        jdbc.sql("SELECT type_id, title, team_id FROM request_type_task WHERE " + in + " ORDER BY type_id, position")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "type_id"),
                        new TaskTemplate(rs.getString("title"), Jdbc.uuid(rs, "team_id")))).list()
                .forEach(e -> tasks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(t -> new RequestType(t.id(), t.name(), t.description(), t.teamId(), t.approverId(),
                t.approverTeamId(), t.active(), fields.getOrDefault(t.id(), List.of()),
                tasks.getOrDefault(t.id(), List.of()), t.createdAt(), t.updatedAt(), t.version())).toList();
    }

    private static RequestField field(ResultSet rs) throws SQLException {
        var choices = rs.getString("choices");
        var maxLength = rs.getObject("max_length", Integer.class);
        return new RequestField(rs.getString("field_key"), rs.getString("label"), FieldKind.valueOf(rs.getString("kind")),
                rs.getBoolean("required"), choices == null ? List.of() : Arrays.asList(choices.split("\n")), maxLength);
    }

    private static RequestType type(ResultSet rs, int row) throws SQLException {
        return new RequestType(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                Jdbc.uuid(rs, "team_id"), Jdbc.uuid(rs, "approver_id"), Jdbc.uuid(rs, "approver_team_id"),
                rs.getBoolean("active"), List.of(), List.of(), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
