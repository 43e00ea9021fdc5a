package io.opsline.alerting.internal.oncall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.internal.oncall.EscalationPolicy.Level;
import io.opsline.alerting.internal.oncall.EscalationPolicy.Target;
import io.opsline.alerting.internal.oncall.EscalationPolicy.TargetType;
import io.opsline.platform.Jdbc;

/** SQL for {@code escalation_policy}, {@code escalation_level} and {@code escalation_target}. */
@Repository
class EscalationRepository {

    private static final String COLUMNS = "id, name, description, repeat_count, created_at, updated_at, version";

    private final JdbcClient jdbc;

    EscalationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EscalationPolicy policy) {
        jdbc.sql("INSERT INTO escalation_policy (" + COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(policy.id(), policy.name(), policy.description(), policy.repeat(),
                        Jdbc.timestamp(policy.createdAt()), Jdbc.timestamp(policy.updatedAt()), policy.version(),
                        policy.name().toLowerCase(Locale.ROOT))
                .update();
        insertLevels(policy);
    }

    /** Stores the policy; false when someone else changed it since {@code expectedVersion}. */
    boolean update(EscalationPolicy policy, long expectedVersion) {
        var updated = jdbc.sql("UPDATE escalation_policy SET name = ?, name_key = ?, description = ?, repeat_count = ?,"
                + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(policy.name(), policy.name().toLowerCase(Locale.ROOT), policy.description(), policy.repeat(),
                        Jdbc.timestamp(policy.updatedAt()), policy.id(), expectedVersion)
                .update() == 1;
        if (updated) {
            jdbc.sql("DELETE FROM escalation_target WHERE policy_id = ?").param(policy.id()).update();
            jdbc.sql("DELETE FROM escalation_level WHERE policy_id = ?").param(policy.id()).update();
            insertLevels(policy);
        }
        return updated;
    }

    private void insertLevels(EscalationPolicy policy) {
        for (int level = 0; level < policy.levels().size(); level++) {
            jdbc.sql("INSERT INTO escalation_level (policy_id, level_no, delay_minutes) VALUES (?, ?, ?)")
                    .params(policy.id(), level, policy.levels().get(level).delayMinutes()).update();
            var targets = policy.levels().get(level).targets();
            for (int position = 0; position < targets.size(); position++) {
                var target = targets.get(position);
                jdbc.sql("INSERT INTO escalation_target (policy_id, level_no, position, kind, target_id,"
                        + " via_channel_id) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(policy.id(), level, position, target.type().name(), target.id(), target.via())
                        .update();
            }
        }
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM escalation_policy WHERE id = ?").param(id).update() == 1;
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM escalation_policy WHERE id = ?").param(id).query(Long.class)
                .single() > 0;
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM escalation_policy WHERE name_key = ? AND id <> ?")
                .params(name.toLowerCase(Locale.ROOT), except).query(Long.class).single() > 0;
    }

    /** The names of the policies that reach people through this schedule. */
    List<String> policiesTargeting(UUID scheduleId) {
        return jdbc.sql("SELECT DISTINCT p.name FROM escalation_policy p JOIN escalation_target t ON t.policy_id = p.id"
                + " WHERE t.kind = 'SCHEDULE' AND t.target_id = ? ORDER BY p.name")
                .param(scheduleId).query(String.class).list();
    }

    /** The names of the routing rules that send alerts to this policy. */
    List<String> rulesUsing(UUID policyId) {
        return jdbc.sql("SELECT name FROM routing_rule WHERE policy_id = ? ORDER BY position, name").param(policyId)
                .query(String.class).list();
    }

    Optional<EscalationPolicy> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escalation_policy WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, levels(" WHERE policy_id = ?", id).getOrDefault(id, List.of())))
                .optional();
    }

    List<EscalationPolicy> findAll() {
        var levels = levels("", null);
        return jdbc.sql("SELECT " + COLUMNS + " FROM escalation_policy ORDER BY name_key")
                .query((rs, n) -> map(rs, levels.getOrDefault(Jdbc.uuid(rs, "id"), List.of()))).list();
    }

    /** Levels with their targets by policy id, of one policy or of all when {@code where} is empty. */
    private Map<UUID, List<Level>> levels(String where, UUID policyId) {
        var params = policyId == null ? List.of() : List.<Object>of(policyId);
        var targets = new HashMap<String, List<Target>>();
        jdbc.sql("SELECT policy_id, level_no, kind, target_id, via_channel_id FROM escalation_target" + where
                + " ORDER BY policy_id, level_no, position").params(params).query(rs -> {
                    targets.computeIfAbsent(Jdbc.uuid(rs, "policy_id") + "/" + rs.getInt("level_no"),
                            k -> new ArrayList<>()).add(new Target(TargetType.valueOf(rs.getString("kind")),
                                    Jdbc.uuid(rs, "target_id"), Jdbc.uuid(rs, "via_channel_id")));
                });
        var levels = new HashMap<UUID, List<Level>>();
        jdbc.sql("SELECT policy_id, level_no, delay_minutes FROM escalation_level" + where
                + " ORDER BY policy_id, level_no").params(params).query(rs -> {
                    var id = Jdbc.uuid(rs, "policy_id");
                    levels.computeIfAbsent(id, k -> new ArrayList<>()).add(new Level(rs.getInt("delay_minutes"),
                            targets.getOrDefault(id + "/" + rs.getInt("level_no"), List.of())));
                });
        return levels;
    }

    private static EscalationPolicy map(ResultSet rs, List<Level> levels) throws SQLException {
        return new EscalationPolicy(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("description"), levels,
                rs.getInt("repeat_count"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
