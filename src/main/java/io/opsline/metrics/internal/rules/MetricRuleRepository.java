package io.opsline.metrics.internal.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.metrics.RuleSeverity;
import io.opsline.metrics.Labels;
import io.opsline.metrics.internal.rules.SeriesState.Phase;
import io.opsline.platform.Jdbc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code metric_rule}, {@code metric_rule_state} and {@code metric_rule_lease}. */
@Repository
class MetricRuleRepository {

    private static final String COLUMNS = "id, name, expression, comparison, threshold, clear_threshold, for_ms,"
            + " severity, summary, enabled, created_by, created_at, version";
    private static final String STATE_COLUMNS = "rule_id, series_key, labels, state, active_since, fired_at,"
            + " last_value, evaluated_at";
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MetricRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(MetricRule rule) {
        jdbc.sql("INSERT INTO metric_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(rule.id(), rule.name(), rule.expression(), rule.comparison().symbol(), rule.threshold(),
                        rule.clearThreshold(), rule.forMillis(), rule.severity().name(), rule.summary(),
                        rule.enabled(), rule.createdBy(), Jdbc.timestamp(rule.createdAt()), rule.version())
                .update();
    }

    /** Stores a change made on the version before; false when someone changed it meanwhile. */
    boolean update(MetricRule rule) {
        return jdbc.sql("UPDATE metric_rule SET name = ?, expression = ?, comparison = ?, threshold = ?,"
                + " clear_threshold = ?, for_ms = ?, severity = ?, summary = ?, enabled = ?, version = ?"
                + " WHERE id = ? AND version = ?")
                .params(rule.name(), rule.expression(), rule.comparison().symbol(), rule.threshold(),
                        rule.clearThreshold(), rule.forMillis(), rule.severity().name(), rule.summary(),
                        rule.enabled(), rule.version(), rule.id(), rule.version() - 1)
                .update() == 1;
    }

    /** Deletes a rule and, by the foreign key, its series' states. */
    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM metric_rule WHERE id = ?").param(id).update() == 1;
    }

    Optional<MetricRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_rule WHERE id = ?").param(id).query(this::rule)
                .optional();
    }

    List<MetricRule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_rule ORDER BY name, id").query(this::rule).list();
    }

    /** Reads a rule again holding its row lock, so that an evaluation and a change of the rule take turns. */
    Optional<MetricRule> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_rule WHERE id = ? FOR UPDATE").param(id)
                .query(this::rule).optional();
    }

    List<SeriesState> states(UUID ruleId) {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM metric_rule_state WHERE rule_id = ? ORDER BY labels")
                .param(ruleId).query(this::state).list();
    }

    List<SeriesState> allStates() {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM metric_rule_state ORDER BY rule_id, labels")
                .query(this::state).list();
    }

    void insertState(SeriesState state) {
        jdbc.sql("INSERT INTO metric_rule_state (" + STATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(state.ruleId(), state.seriesKey(), json.writeValueAsString(state.labels().toMap()),
                        state.phase().name(), Jdbc.timestamp(state.activeSince()), Jdbc.timestamp(state.firedAt()),
                        state.value(), Jdbc.timestamp(state.evaluatedAt()))
                .update();
    }

    void updateState(SeriesState state) {
        jdbc.sql("UPDATE metric_rule_state SET state = ?, fired_at = ?, last_value = ?, evaluated_at = ?"
                + " WHERE rule_id = ? AND series_key = ?")
                .params(state.phase().name(), Jdbc.timestamp(state.firedAt()), state.value(),
                        Jdbc.timestamp(state.evaluatedAt()), state.ruleId(), state.seriesKey())
                .update();
    }

    void deleteState(UUID ruleId, String seriesKey) {
        jdbc.sql("DELETE FROM metric_rule_state WHERE rule_id = ? AND series_key = ?").params(ruleId, seriesKey)
                .update();
    }

    /**
     * Claims or renews the evaluation of rules until {@code leaseUntil}: a conditional update that
     * only one node wins while a claim holds.
     */
    boolean claim(String node, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE metric_rule_lease SET node = ?, lease_until = ? WHERE job = 'rules'"
                + " AND (node IS NULL OR lease_until < ? OR node = ?)")
                .params(node, Jdbc.timestamp(leaseUntil), Jdbc.timestamp(now), node).update() == 1;
    }

    /** Gives the claim up (when the node stops), so that another node takes over at once. */
    void release(String node) {
        jdbc.sql("UPDATE metric_rule_lease SET node = NULL, lease_until = NULL WHERE job = 'rules' AND node = ?")
                .param(node).update();
    }

    private MetricRule rule(ResultSet rs, int n) throws SQLException {
        return new MetricRule(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("expression"),
                Comparison.ofSymbol(rs.getString("comparison")).orElseThrow(), rs.getDouble("threshold"),
                rs.getDouble("clear_threshold"), rs.getLong("for_ms"), RuleSeverity.valueOf(rs.getString("severity")),
                rs.getString("summary"), rs.getBoolean("enabled"), rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"), rs.getInt("version"));
    }

    private SeriesState state(ResultSet rs, int n) throws SQLException {
        return new SeriesState(Jdbc.uuid(rs, "rule_id"), rs.getString("series_key"),
                Labels.of(json.readValue(rs.getString("labels"), LABELS)), Phase.valueOf(rs.getString("state")),
                Jdbc.instant(rs, "active_since"), Jdbc.instant(rs, "fired_at"),
                rs.getDouble("last_value"), Jdbc.instant(rs, "evaluated_at"));
    }
}
