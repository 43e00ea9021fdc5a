package io.opsline.servicedesk.internal.fromalerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;
import io.opsline.platform.Choice;
import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.internal.Level;

/** SQL for {@code incident_rule}. */
@Repository
class IncidentRuleRepository {

    private static final String COLUMNS = "id, name, position, enabled, min_severity, ci_classes, environments, impact,"
            + " urgency, team_id, category, auto_resolve, created_at, updated_at, version";

    private final JdbcClient jdbc;

    IncidentRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(IncidentRule rule) {
        jdbc.sql("INSERT INTO incident_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.name(), rule.position(), rule.enabled(), rule.minSeverity().name(),
                        keys(rule.ciClasses()), keys(rule.environments()), rule.impact().rank(), rule.urgency().rank(),
                        rule.teamId(), rule.category(), rule.autoResolve(), Jdbc.timestamp(rule.createdAt()),
                        Jdbc.timestamp(rule.updatedAt()), rule.version())
                .update();
    }

    /** Stores everything but the position; false when someone changed the rule since {@code expectedVersion}. */
    boolean update(IncidentRule rule, long expectedVersion) {
        return jdbc.sql("UPDATE incident_rule SET name = ?, enabled = ?, min_severity = ?, ci_classes = ?,"
                        + " environments = ?, impact = ?, urgency = ?, team_id = ?, category = ?, auto_resolve = ?,"
                        + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(rule.name(), rule.enabled(), rule.minSeverity().name(), keys(rule.ciClasses()),
                        keys(rule.environments()), rule.impact().rank(), rule.urgency().rank(), rule.teamId(),
                        rule.category(), rule.autoResolve(), Jdbc.timestamp(rule.updatedAt()), rule.id(),
                        expectedVersion)
                .update() == 1;
    }

    void move(UUID id, int position) {
        jdbc.sql("UPDATE incident_rule SET position = ?, version = version + 1 WHERE id = ? AND position <> ?")
                .params(position, id, position).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM incident_rule WHERE id = ?").param(id).update();
    }

    Optional<IncidentRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_rule WHERE id = ?").param(id)
                .query(IncidentRuleRepository::map).optional();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM incident_rule WHERE LOWER(name) = ? AND id <> ?")
                .params(name.toLowerCase(), except).query(Long.class).single() > 0;
    }

    /** Every rule in the order they are tried. */
    List<IncidentRule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_rule ORDER BY position, id")
                .query(IncidentRuleRepository::map).list();
    }

    /**
     * Every rule in the order they are tried, locked until the transaction ends: whoever adds, moves
     * or deletes a rule renumbers them all, and two of them must not interleave.
     */
    List<IncidentRule> findAllForUpdate() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_rule ORDER BY position, id FOR UPDATE")
                .query(IncidentRuleRepository::map).list();
    }

    private static String keys(Collection<? extends Choice> values) {
        return values.stream().map(Choice::key).sorted().collect(Collectors.joining(","));
    }

    private static <E extends Enum<E> & Choice> Set<E> parse(String text, Class<E> type) {
        return Arrays.stream(text.split(",")).filter(k -> !k.isBlank())
                .map(k -> Choice.parse(type, k).orElseThrow()).collect(Collectors.toSet());
    }

    private static IncidentRule map(ResultSet rs, int row) throws SQLException {
        return new IncidentRule(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getInt("position"),
                rs.getBoolean("enabled"), Severity.valueOf(rs.getString("min_severity")),
                parse(rs.getString("ci_classes"), CiClass.class), parse(rs.getString("environments"), Environment.class),
                Level.ofRank(rs.getInt("impact")), Level.ofRank(rs.getInt("urgency")), Jdbc.uuid(rs, "team_id"),
                rs.getString("category"), rs.getBoolean("auto_resolve"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
