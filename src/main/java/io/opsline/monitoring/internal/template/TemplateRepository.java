package io.opsline.monitoring.internal.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.internal.CheckSettings;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for {@code check_template}. Whoever applies a template locks its row first ({@code lock*}),
 * so that two nodes, or a node's periodic round and a user's change, never create the same
 * check twice: the second waits, then sees the first one's checks.
 */
@Repository
class TemplateRepository {

    private static final String COLUMNS = "id, ci_class, tags, statuses, name, check_type, params, interval_seconds,"
            + " retry_interval_seconds, max_attempts, timeout_millis, enabled, created_at, updated_at, version";
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ValueList uuids;

    TemplateRepository(JdbcClient jdbc, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.json = json;
        this.uuids = new ValueList(engine, "uuid");
    }

    Optional<CheckTemplate> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_template WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    /** The template, its row locked until the transaction ends; empty if it is gone. */
    Optional<CheckTemplate> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_template WHERE id = ? FOR UPDATE").param(id)
                .query(this::map).optional();
    }

    /** Templates of a class, or with these ids, oldest first (the order in which they claim check names). */
    List<CheckTemplate> findByClassOrId(CiClass ciClass, Collection<UUID> ids) {
        return byClassOrId(ciClass, ids, "").query(this::map).list().stream().sorted(CheckTemplate.ORDER).toList();
    }

    /** As {@link #findByClassOrId}, every row locked (taken in id order, so lockers never wait on each other in a ring). */
    List<CheckTemplate> lockByClassOrId(CiClass ciClass, Collection<UUID> ids) {
        return byClassOrId(ciClass, ids, " ORDER BY id FOR UPDATE").query(this::map).list().stream()
                .sorted(CheckTemplate.ORDER).toList();
    }

    private JdbcClient.StatementSpec byClassOrId(CiClass ciClass, Collection<UUID> ids, String tail) {
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM check_template WHERE ci_class = :ciClass"
                + (ids.isEmpty() ? "" : " OR " + uuids.in("id", "ids")) + tail).param("ciClass", ciClass.name());
        return ids.isEmpty() ? statement : statement.param("ids", uuids.of(ids));
    }

    /** Whether there is any template at all (when not, no check comes from one either). */
    boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM check_template LIMIT 1) t").query(Long.class).single() > 0;
    }

    /** Every template's id, oldest first, for a reconciliation round. */
    List<UUID> allIds() {
        return jdbc.sql("SELECT id FROM check_template ORDER BY created_at, id").query(UUID.class).list();
    }

    Page<CheckTemplate> search(CiClass ciClass, PageRequest page) {
        var where = ciClass == null ? "" : " WHERE ci_class = ?";
        var params = ciClass == null ? List.<Object>of() : List.<Object>of(ciClass.name());
        long total = jdbc.sql("SELECT COUNT(*) FROM check_template" + where).params(params).query(Long.class).single();
        var rows = total == 0 ? List.<CheckTemplate>of()
                : jdbc.sql("SELECT " + COLUMNS + " FROM check_template" + where
                        + " ORDER BY ci_class, LOWER(name), created_at, id LIMIT ? OFFSET ?").params(params)
                        .param(page.size()).param(page.offset()).query(this::map).list();
        return page.toPage(rows, total);
    }

    void insert(CheckTemplate t) {
        var c = t.check();
        jdbc.sql("INSERT INTO check_template (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), t.ciClass().name(), json.writeValueAsString(t.tags()), statuses(t), c.name(),
                        c.type().name(), json.writeValueAsString(c.params()), c.intervalSeconds(),
                        c.retryIntervalSeconds(), c.maxAttempts(), c.timeoutMillis(), c.enabled(),
                        Jdbc.timestamp(t.createdAt()), Jdbc.timestamp(t.updatedAt()), t.version())
                .update();
    }

    /** Writes a changed template if it is still at {@code t.version()}; false if someone changed it meanwhile. */
    boolean update(CheckTemplate t) {
        var c = t.check();
        return jdbc.sql("UPDATE check_template SET ci_class = ?, tags = ?, statuses = ?, name = ?, check_type = ?,"
                + " params = ?, interval_seconds = ?, retry_interval_seconds = ?, max_attempts = ?, timeout_millis = ?,"
                + " enabled = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(t.ciClass().name(), json.writeValueAsString(t.tags()), statuses(t), c.name(), c.type().name(),
                        json.writeValueAsString(c.params()), c.intervalSeconds(), c.retryIntervalSeconds(),
                        c.maxAttempts(), c.timeoutMillis(), c.enabled(), Jdbc.timestamp(t.updatedAt()), t.id(),
                        t.version())
                .update() == 1;
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM check_template WHERE id = ?").param(id).update();
    }

    private String statuses(CheckTemplate t) {
        return json.writeValueAsString(t.statuses().stream().map(CiStatus::name).toList());
    }

    private CheckTemplate map(ResultSet rs, int n) throws SQLException {
        var check = new CheckSettings(rs.getString("name"), CheckType.valueOf(rs.getString("check_type")),
                json.readValue(rs.getString("params"), PARAMS), rs.getInt("interval_seconds"),
                rs.getInt("retry_interval_seconds"), rs.getInt("max_attempts"), rs.getInt("timeout_millis"),
                rs.getBoolean("enabled"));
        return new CheckTemplate(Jdbc.uuid(rs, "id"), CiClass.valueOf(rs.getString("ci_class")),
                json.readValue(rs.getString("tags"), STRINGS),
                json.readValue(rs.getString("statuses"), STRINGS).stream().map(CiStatus::valueOf).toList(), check,
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
