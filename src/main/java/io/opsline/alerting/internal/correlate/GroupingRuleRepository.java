package io.opsline.alerting.internal.correlate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert_grouping_rule}; matchers and groupBy are stored as JSON lists. */
@Repository
class GroupingRuleRepository {

    private static final String COLUMNS = "id, name, sort_order, matchers, group_by, window_seconds, created_at,"
            + " updated_at, version";
    private static final TypeReference<List<LabelMatcher>> MATCHERS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GroupingRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every rule, in the order they are tried. */
    List<GroupingRule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_grouping_rule ORDER BY sort_order, id").query(this::map)
                .list();
    }

    Optional<GroupingRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_grouping_rule WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    /** Whether another rule has this name, whatever its case. */
    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_grouping_rule WHERE name_key = ? AND id <> ?")
                .params(name.toLowerCase(Locale.ROOT), except).query(Long.class).single() > 0;
    }

    int nextPosition() {
        return jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM alert_grouping_rule").query(Integer.class)
                .single();
    }

    void insert(GroupingRule rule) {
        jdbc.sql("INSERT INTO alert_grouping_rule (id, name, name_key, sort_order, matchers, group_by, window_seconds,"
                + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.name(), rule.name().toLowerCase(Locale.ROOT), rule.position(),
                        json.writeValueAsString(rule.matchers()), json.writeValueAsString(rule.groupBy()),
                        rule.windowSeconds(), Jdbc.timestamp(rule.createdAt()), Jdbc.timestamp(rule.updatedAt()),
                        rule.version())
                .update();
    }

    /** Replaces a rule if it still has the version it was read with; false when someone else changed it first. */
    boolean update(GroupingRule rule, int readVersion) {
        return jdbc.sql("UPDATE alert_grouping_rule SET name = ?, name_key = ?, matchers = ?, group_by = ?,"
                + " window_seconds = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(rule.name(), rule.name().toLowerCase(Locale.ROOT), json.writeValueAsString(rule.matchers()),
                        json.writeValueAsString(rule.groupBy()), rule.windowSeconds(),
                        Jdbc.timestamp(rule.updatedAt()), rule.version(), rule.id(), readVersion)
                .update() == 1;
    }

    void reposition(UUID id, int position) {
        jdbc.sql("UPDATE alert_grouping_rule SET sort_order = ? WHERE id = ?").params(position, id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM alert_grouping_rule WHERE id = ?").param(id).update();
    }

    private GroupingRule map(ResultSet rs, int n) throws SQLException {
        return new GroupingRule(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getInt("sort_order"),
                json.readValue(rs.getString("matchers"), MATCHERS), json.readValue(rs.getString("group_by"), NAMES),
                rs.getLong("window_seconds"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getInt("version"));
    }
}
