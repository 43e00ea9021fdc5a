package io.opsline.alerting.internal.suppress;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert_inhibition_rule}. */
@Repository
class InhibitionRuleRepository {

    private static final String COLUMNS = "id, name, source_matchers, target_matchers, equal_labels, created_by,"
            + " created_at, version";
    private static final TypeReference<List<MatcherInput>> MATCHERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InhibitionRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(InhibitionRule rule) {
        jdbc.sql("INSERT INTO alert_inhibition_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.name(), matchers(rule.sourceMatchers()), matchers(rule.targetMatchers()),
                        String.join(",", rule.equal()), rule.createdBy(), Jdbc.timestamp(rule.createdAt()),
                        rule.version())
                .update();
    }

    /** Stores a change made on the version before; false when someone changed it meanwhile. */
    boolean update(InhibitionRule rule) {
        return jdbc.sql("UPDATE alert_inhibition_rule SET name = ?, source_matchers = ?, target_matchers = ?,"
                + " equal_labels = ?, version = ? WHERE id = ? AND version = ?")
                .params(rule.name(), matchers(rule.sourceMatchers()), matchers(rule.targetMatchers()),
                        String.join(",", rule.equal()), rule.version(), rule.id(), rule.version() - 1)
                .update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM alert_inhibition_rule WHERE id = ?").param(id).update() == 1;
    }

    Optional<InhibitionRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_inhibition_rule WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    List<InhibitionRule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_inhibition_rule ORDER BY name, id").query(this::map).list();
    }

    private String matchers(List<Matcher> matchers) {
        return json.writeValueAsString(matchers.stream().map(Matcher::input).toList());
    }

    private InhibitionRule map(ResultSet rs, int n) throws SQLException {
        var equal = rs.getString("equal_labels");
        return new InhibitionRule(Jdbc.uuid(rs, "id"), rs.getString("name"),
                Matcher.stored(json.readValue(rs.getString("source_matchers"), MATCHERS)),
                Matcher.stored(json.readValue(rs.getString("target_matchers"), MATCHERS)),
                equal.isEmpty() ? List.of() : Arrays.asList(equal.split(",")), rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"), rs.getInt("version"));
    }
}
