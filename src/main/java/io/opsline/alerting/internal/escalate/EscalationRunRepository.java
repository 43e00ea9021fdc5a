package io.opsline.alerting.internal.escalate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.Severity;
import io.opsline.platform.BulkInsert;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert_escalation}, and what it reads of alert groups and their alerts. */
@Repository
class EscalationRunRepository {

    /** An escalation's columns with their types, without its acknowledge token; {@link #COLUMNS} without the types. */
    private static final String TYPED_COLUMNS = "id uuid, group_id uuid, policy_id uuid, rule_name text, status text,"
            + " level_index int4, cycle int4, next_step_at timestamptz, steps_taken int4, started_at timestamptz,"
            + " stopped_at timestamptz, stop_reason text";
    private static final String COLUMNS = BulkInsert.names(TYPED_COLUMNS);

    /** Ids in one IN list at most: PostgreSQL takes at most 65,535 parameters a statement. */
    private static final int IN_BATCH = 1000;
    /** An escalation that may have paged someone: it took a step, or may be taking its first right now. */
    private static final String MAY_HAVE_PAGED = "(e.steps_taken > 0 OR e.status = 'ACTIVE')";

    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final BulkInsert insertEscalations;
    private final ValueList uuids;

    EscalationRunRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.uuids = new ValueList(engine, "uuid");
        this.insertEscalations = new BulkInsert(engine, "alert_escalation",
                TYPED_COLUMNS + ", ack_token text, ack_token_hash text", "ON CONFLICT DO NOTHING");
    }

    /** A group to be routed, with what routing looks at in its root-cause alert. */
    record NewGroup(UUID id, String source, Severity severity, Map<String, String> labels, UUID ciId) {
    }

    /**
     * Open groups without an escalation, oldest first: groups are routed in the transaction that
     * opens them, so these are groups opened before that was so, left waiting in the routing queue
     * that was.
     */
    List<NewGroup> openGroupsNeverRouted(int limit) {
        return jdbc.sql("SELECT g.id, a.source, a.severity, a.labels, a.ci_id FROM alert_group g"
                + " JOIN alert a ON a.id = g.root_alert_id WHERE g.status = 'OPEN'"
                + " AND NOT EXISTS (SELECT 1 FROM alert_escalation e WHERE e.group_id = g.id)"
                + " ORDER BY g.created_at LIMIT ?")
                .params(limit)
                .query((rs, n) -> new NewGroup(Jdbc.uuid(rs, "id"), rs.getString("source"),
                        Severity.valueOf(rs.getString("severity")), json.readValue(rs.getString("labels"), TEXT_MAP),
                        Jdbc.uuid(rs, "ci_id")))
                .list();
    }

    /** A new escalation with its acknowledge token, sealed and hashed; both null when it pages nobody. */
    record NewEscalation(Escalation escalation, String sealedToken, String tokenHash) {
    }

    /**
     * Records escalations, skipping groups that have one already (another node was first). ON
     * CONFLICT DO NOTHING, so that losing that race does not abort the transaction on PostgreSQL.
     */
    void insertAll(List<NewEscalation> escalations) {
        if (escalations.isEmpty()) {
            return;
        }
        var rows = new ArrayList<Object[]>(escalations.size());
        for (var n : escalations) {
            var e = n.escalation();
            rows.add(new Object[] {e.id(), e.groupId(), e.policyId(), e.ruleName(), e.status().name(), e.level(),
                e.cycle(), Jdbc.timestamp(e.nextStepAt()), e.stepsTaken(), Jdbc.timestamp(e.startedAt()),
                Jdbc.timestamp(e.stoppedAt()), e.stopReason(), n.sealedToken(), n.tokenHash()});
        }
        insertEscalations.insert(template, rows);
    }

    /** Escalations whose next step is due, soonest first; not locked (see {@link #claim}). */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM alert_escalation WHERE status = 'ACTIVE' AND next_step_at <= ?"
                + " ORDER BY next_step_at LIMIT ?").params(Jdbc.timestamp(now), limit).query(UUID.class).list();
    }

    /**
     * Locks those of {@code ids} still due that no other node holds. Two statements rather than one
     * with LIMIT and SKIP LOCKED: H2 applies the LIMIT before skipping locked rows, so a node could
     * find nothing while due rows wait.
     */
    List<Escalation> claim(List<UUID> ids, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_escalation WHERE " + uuids.in("id", "ids")
                + " AND status = 'ACTIVE' AND next_step_at <= :now FOR UPDATE SKIP LOCKED")
                .param("ids", uuids.of(ids)).param("now", Jdbc.timestamp(now)).query(this::map).list();
    }

    void moveOn(UUID id, int level, int cycle, Instant nextStepAt, int stepsTaken) {
        jdbc.sql("UPDATE alert_escalation SET level_index = ?, cycle = ?, next_step_at = ?, steps_taken = ? WHERE id = ?")
                .params(level, cycle, Jdbc.timestamp(nextStepAt), stepsTaken, id).update();
    }

    /** Ends an escalation; false when it had ended already. */
    boolean end(UUID id, EscalationStatus status, Instant at, String reason) {
        return jdbc.sql("UPDATE alert_escalation SET status = ?, next_step_at = NULL, stopped_at = ?, stop_reason = ?"
                + " WHERE id = ? AND status = 'ACTIVE'")
                .params(status.name(), Jdbc.timestamp(at), reason, id).update() == 1;
    }

    Optional<Escalation> findByGroup(UUID groupId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_escalation WHERE group_id = ?").param(groupId)
                .query(this::map).optional();
    }

    Optional<Escalation> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_escalation WHERE ack_token_hash = ?").param(tokenHash)
                .query(this::map).optional();
    }

    String sealedToken(UUID id) {
        return jdbc.sql("SELECT ack_token FROM alert_escalation WHERE id = ?").param(id).query(String.class).single();
    }

    Optional<GroupState> groupState(UUID groupId) {
        return jdbc.sql("SELECT g.status, g.title, g.severity, g.root_alert_id,"
                + " SUM(CASE WHEN a.status = 'FIRING' THEN 1 ELSE 0 END) AS firing,"
                + " SUM(CASE WHEN a.status = 'ACKNOWLEDGED' THEN 1 ELSE 0 END) AS acknowledged"
                + " FROM alert_group g LEFT JOIN alert_group_member m ON m.group_id = g.id"
                + " LEFT JOIN alert a ON a.id = m.alert_id WHERE g.id = ?"
                + " GROUP BY g.status, g.title, g.severity, g.root_alert_id")
                .param(groupId)
                .query((rs, n) -> new GroupState("OPEN".equals(rs.getString("status")), rs.getString("title"),
                        Severity.valueOf(rs.getString("severity")), Jdbc.uuid(rs, "root_alert_id"), rs.getInt("firing"),
                        rs.getInt("acknowledged")))
                .optional();
    }

    /** The group's alerts that fire now, for an acknowledgement of the whole group. */
    List<UUID> firingAlerts(UUID groupId) {
        return jdbc.sql("SELECT a.id FROM alert_group_member m JOIN alert a ON a.id = m.alert_id"
                + " WHERE m.group_id = ? AND a.status = 'FIRING'").param(groupId).query(UUID.class).list();
    }

    /** The group of each of these alerts whose escalation may have paged someone, by alert. */
    Map<UUID, UUID> pagedGroupsOf(Collection<UUID> alertIds) {
        var groups = new HashMap<UUID, UUID>();
        var ids = List.copyOf(alertIds);
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            jdbc.sql("SELECT m.alert_id, m.group_id FROM alert_group_member m"
                    + " JOIN alert_escalation e ON e.group_id = m.group_id WHERE " + uuids.in("m.alert_id", "ids")
                    + " AND " + MAY_HAVE_PAGED)
                    .param("ids", uuids.of(ids.subList(from, Math.min(ids.size(), from + IN_BATCH))))
                    .query((rs, n) -> groups.put(Jdbc.uuid(rs, "alert_id"), Jdbc.uuid(rs, "group_id"))).list();
        }
        return groups;
    }

    /**
     * Locks, in group order, the escalations of these groups that may have paged someone, until the
     * caller's transaction ends; their groups' ids. Waits for a node taking a step of one of them.
     */
    List<UUID> lockPaged(Collection<UUID> groupIds) {
        var ids = groupIds.stream().sorted().toList();
        var locked = new ArrayList<UUID>();
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            locked.addAll(jdbc.sql("SELECT e.group_id FROM alert_escalation e WHERE " + uuids.in("e.group_id", "ids")
                    + " AND " + MAY_HAVE_PAGED + " ORDER BY e.group_id FOR UPDATE")
                    .param("ids", uuids.of(ids.subList(from, Math.min(ids.size(), from + IN_BATCH))))
                    .query(UUID.class).list());
        }
        return locked;
    }

    private Escalation map(ResultSet rs, int n) throws SQLException {
        return new Escalation(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "group_id"), Jdbc.uuid(rs, "policy_id"),
                rs.getString("rule_name"), EscalationStatus.valueOf(rs.getString("status")), rs.getInt("level_index"),
                rs.getInt("cycle"), Jdbc.instant(rs, "next_step_at"), rs.getInt("steps_taken"),
                Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "stopped_at"),
                rs.getString("stop_reason"));
    }
}
