package io.opsline.alerting.internal.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code routing_rule}; conditions are kept as one JSON document. */
@Repository
class RoutingRuleRepository {

    private static final String COLUMNS = "id, name, position, enabled, conditions, policy_id, created_at,"
            + " updated_at, version";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RoutingRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(RoutingRule rule) {
        jdbc.sql("INSERT INTO routing_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.name(), rule.position(), rule.enabled(),
                        json.writeValueAsString(rule.conditions()), rule.policyId(), Jdbc.timestamp(rule.createdAt()),
                        Jdbc.timestamp(rule.updatedAt()), rule.version())
                .update();
    }

    /** Stores everything but the position; false when someone else changed the rule since {@code expectedVersion}. */
    boolean update(RoutingRule rule, long expectedVersion) {
        return jdbc.sql("UPDATE routing_rule SET name = ?, enabled = ?, conditions = ?, policy_id = ?, updated_at = ?,"
                + " version = version + 1 WHERE id = ? AND version = ?")
                .params(rule.name(), rule.enabled(), json.writeValueAsString(rule.conditions()), rule.policyId(),
                        Jdbc.timestamp(rule.updatedAt()), rule.id(), expectedVersion)
                .update() == 1;
    }

    void move(UUID id, int position) {
        jdbc.sql("UPDATE routing_rule SET position = ?, version = version + 1 WHERE id = ?").params(position, id)
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM routing_rule WHERE id = ?").param(id).update() == 1;
    }

    /** The position after the last rule. */
    int nextPosition() {
        return jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM routing_rule").query(Integer.class).single();
    }

    /**
     * Every rule in the order they are tried, locked until the transaction ends so that two
     * reorderings cannot interleave.
     */
    List<RoutingRule> findAllForUpdate() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM routing_rule ORDER BY position, id FOR UPDATE").query(this::map)
                .list();
    }

    Optional<RoutingRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM routing_rule WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Every rule in the order they are tried. */
    List<RoutingRule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM routing_rule ORDER BY position, id").query(this::map).list();
    }

    private RoutingRule map(ResultSet rs, int n) throws SQLException {
        return new RoutingRule(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getInt("position"),
                rs.getBoolean("enabled"), json.readValue(rs.getString("conditions"), RuleConditions.class),
                Jdbc.uuid(rs, "policy_id"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
