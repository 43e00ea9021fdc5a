package io.opsline.alerting.internal.correlate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.platform.BulkInsert;
import io.opsline.platform.BulkUpdate;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;

/**
 * SQL for {@code alert_group}, {@code alert_group_member} and {@code alert_group_history}: written
 * in sets once per intake batch, read by people and by the modules that act on groups.
 */
@Repository
class AlertGroupRepository {

    /** A group's columns with their types, as a new group is inserted; {@link #COLUMNS} without the types. */
    private static final String TYPED_COLUMNS = "id uuid, title text, status text, reason text, rule_id uuid,"
            + " rule_name text, group_key text, open_group_key text, first_alert_at timestamptz,"
            + " last_alert_at timestamptz, member_count int4, open_critical int4, open_error int4, open_warning int4,"
            + " open_info int4, severity text, root_alert_id uuid, created_at timestamptz, resolved_at timestamptz";
    private static final String COLUMNS = BulkInsert.names(TYPED_COLUMNS);
    private static final String TYPED_MEMBER_COLUMNS = "alert_id uuid, group_id uuid, ci_id uuid, severity text,"
            + " is_open bool, first_seen timestamptz, summary text, joined_at timestamptz, reason text,"
            + " opened_group bool";
    private static final String MEMBER_COLUMNS = BulkInsert.names(TYPED_MEMBER_COLUMNS);
    private static final int IN_BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** This engine's row lock for an update, see {@link DatabaseEngine#lockForUpdate()}. */
    private final String lockForUpdate;
    private final BulkInsert insertGroups;
    private final BulkInsert insertMembers;
    private final BulkInsert insertCis;
    private final BulkInsert insertHistory;
    private final BulkUpdate updateGroups;
    private final BulkUpdate updateMembers;
    private final ValueList uuids;
    private final ValueList texts;

    AlertGroupRepository(JdbcClient jdbc, JdbcTemplate template, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.lockForUpdate = engine.lockForUpdate();
        this.uuids = new ValueList(engine, "uuid");
        this.texts = new ValueList(engine, "text");
        this.insertGroups = new BulkInsert(engine, "alert_group", TYPED_COLUMNS);
        this.insertMembers = new BulkInsert(engine, "alert_group_member", TYPED_MEMBER_COLUMNS);
        this.insertCis = new BulkInsert(engine, "alert_group_ci",
                "group_id uuid, ci_id uuid, alert_id uuid, first_seen timestamptz, summary text");
        this.insertHistory = new BulkInsert(engine, "alert_group_history",
                "id uuid, group_id uuid, at timestamptz, kind text, alert_id uuid, text text");
        this.updateGroups = new BulkUpdate(engine, "alert_group", "id uuid", "title text, status text, reason text,"
                + " open_group_key text, first_alert_at timestamptz, last_alert_at timestamptz, member_count int4,"
                + " open_critical int4, open_error int4, open_warning int4, open_info int4, severity text,"
                + " root_alert_id uuid, resolved_at timestamptz");
        this.updateMembers = new BulkUpdate(engine, "alert_group_member", "alert_id uuid",
                "severity text, is_open bool");
    }

    /** A CI with an alert in an open group, with the group's time span: what topology may join. */
    record OpenGroupCi(UUID groupId, UUID ciId, Instant firstAlertAt, Instant lastAlertAt) {
    }

    /** The memberships of these alerts, by alert id; alerts without a group are left out. */
    Map<UUID, GroupMember> membershipsOf(Collection<UUID> alertIds) {
        var found = new HashMap<UUID, GroupMember>();
        inChunks(List.copyOf(alertIds), chunk -> jdbc.sql("SELECT " + MEMBER_COLUMNS
                + " FROM alert_group_member WHERE " + uuids.in("alert_id", "ids")).param("ids", uuids.of(chunk))
                .query(this::mapMember).list())
                .forEach(member -> found.put(member.alertId(), member));
        return found;
    }

    /** The groups that still take alerts of these rule keys; read without locking. */
    List<UUID> idsByOpenKey(Collection<String> openKeys) {
        return inChunks(List.copyOf(openKeys), chunk -> jdbc.sql("SELECT id FROM alert_group"
                + " WHERE " + texts.in("open_group_key", "keys")).param("keys", texts.of(chunk)).query(UUID.class).list());
    }

    /** The CIs of alerts in open groups whose last alert came at or after {@code since}; read without locking. */
    List<OpenGroupCi> openGroupCis(Instant since) {
        return jdbc.sql("SELECT c.group_id, c.ci_id, g.first_alert_at, g.last_alert_at FROM alert_group g"
                + " JOIN alert_group_ci c ON c.group_id = g.id WHERE g.status = 'OPEN' AND g.last_alert_at >= ?")
                .param(Jdbc.timestamp(since))
                .query((rs, n) -> new OpenGroupCi(Jdbc.uuid(rs, "group_id"), Jdbc.uuid(rs, "ci_id"),
                        Jdbc.instant(rs, "first_alert_at"), Jdbc.instant(rs, "last_alert_at")))
                .list();
    }

    /**
     * The groups with these ids, locked until the transaction ends, with their CIs and root causes.
     * Locked in id order, the same on every node, so that two batches never wait for each other crosswise;
     * not against the escalation runs and members that other transactions add to them meanwhile.
     */
    List<WorkingGroup> lock(SortedSet<UUID> ids) {
        var roots = new HashMap<UUID, UUID>();
        var stored = inChunks(List.copyOf(ids), chunk -> jdbc.sql("SELECT " + COLUMNS
                + " FROM alert_group WHERE " + uuids.in("id", "ids") + " ORDER BY id " + lockForUpdate)
                .param("ids", uuids.of(chunk))
                .query((rs, n) -> {
                    var group = mapGroup(rs, n);
                    roots.put(group.rootAlertId(), group.id());
                    return new Locked(group, rs.getString("open_group_key"), new int[] {rs.getInt("open_critical"),
                        rs.getInt("open_error"), rs.getInt("open_warning"), rs.getInt("open_info")});
                }).list());
        var rootOf = new HashMap<UUID, CiAlert>();
        inChunks(List.copyOf(roots.keySet()), chunk -> jdbc.sql("SELECT group_id, ci_id, alert_id, first_seen, summary"
                + " FROM alert_group_member WHERE " + uuids.in("alert_id", "ids")).param("ids", uuids.of(chunk))
                .query(this::mapCiAlert)
                .list()).forEach(root -> rootOf.put(root.groupId(), root));
        var locked = new HashMap<UUID, WorkingGroup>();
        for (var group : stored) {
            locked.put(group.group().id(), new WorkingGroup(group.group(), group.openKey(), group.open(),
                    rootOf.get(group.group().id())));
        }
        inChunks(List.copyOf(locked.keySet()), chunk -> jdbc.sql("SELECT group_id, ci_id, alert_id, first_seen, summary"
                + " FROM alert_group_ci WHERE " + uuids.in("group_id", "ids")).param("ids", uuids.of(chunk))
                .query(this::mapCiAlert).list())
                .forEach(ci -> locked.get(ci.groupId()).cis.put(ci.ciId(), ci));
        return List.copyOf(locked.values());
    }

    private record Locked(AlertGroup group, String openKey, int[] open) {
    }

    /**
     * Stores what a batch did. Changed groups are written before new ones: a new group may take over
     * the rule key a changed one gives up.
     */
    void store(Placement.Outcome outcome) {
        updateGroups.update(template, rows(outcome.changed(), g -> new Object[] {g.title, g.status.name(),
            g.reason.name(), g.openKey, Jdbc.timestamp(g.firstAlertAt), Jdbc.timestamp(g.lastAlertAt), g.memberCount,
            g.open[0], g.open[1], g.open[2], g.open[3], g.severity.name(), g.root.alertId(),
            Jdbc.timestamp(g.resolvedAt), g.id}));
        insertGroups.insert(template, rows(outcome.created(), g -> new Object[] {g.id, g.title, g.status.name(),
            g.reason.name(), g.ruleId, g.ruleName, g.groupKey, g.openKey, Jdbc.timestamp(g.firstAlertAt),
            Jdbc.timestamp(g.lastAlertAt), g.memberCount, g.open[0], g.open[1], g.open[2], g.open[3], g.severity.name(),
            g.root.alertId(), Jdbc.timestamp(g.createdAt), Jdbc.timestamp(g.resolvedAt)}));
        insertMembers.insert(template, rows(outcome.newMembers(), m -> new Object[] {m.alertId(), m.groupId(), m.ciId(),
            m.severity().name(), m.open(), Jdbc.timestamp(m.firstSeen()), m.summary(), Jdbc.timestamp(m.joinedAt()),
            m.reason(), m.openedGroup()}));
        updateMembers.update(template, rows(outcome.changedMembers(), m -> new Object[] {m.severity().name(), m.open(),
            m.alertId()}));
        insertCis.insert(template, rows(outcome.newCis(), c -> new Object[] {c.groupId(), c.ciId(), c.alertId(),
            Jdbc.timestamp(c.firstSeen()), c.summary()}));
        insertHistory.insert(template, rows(outcome.timeline(), c -> new Object[] {c.id(), c.groupId(),
            Jdbc.timestamp(c.at()), c.kind().name(), c.alertId(), c.text()}));
    }

    Optional<AlertGroup> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_group WHERE id = ?").param(id).query(this::mapGroup)
                .optional();
    }

    /** The groups with these ids that exist, in no particular order. */
    List<AlertGroup> findAll(Collection<UUID> ids) {
        return inChunks(List.copyOf(ids), chunk -> jdbc.sql("SELECT " + COLUMNS + " FROM alert_group WHERE "
                + uuids.in("id", "ids")).param("ids", uuids.of(chunk)).query(this::mapGroup).list());
    }

    Optional<UUID> groupOf(UUID alertId) {
        return jdbc.sql("SELECT group_id FROM alert_group_member WHERE alert_id = ?").param(alertId)
                .query(UUID.class).optional();
    }

    /** A group's members, oldest first. */
    List<GroupMember> members(UUID groupId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM alert_group_member WHERE group_id = ?"
                + " ORDER BY first_seen, alert_id").param(groupId).query(this::mapMember).list();
    }

    /** A group's timeline, oldest first: the lines stored, and those its members' rows and its own make. */
    List<GroupChange> history(AlertGroup group) {
        var lines = new ArrayList<>(jdbc.sql("SELECT id, group_id, at, kind, alert_id, text FROM alert_group_history"
                + " WHERE group_id = ?").param(group.id())
                .query((rs, n) -> new GroupChange(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "group_id"), Jdbc.instant(rs, "at"),
                        GroupChange.Kind.valueOf(rs.getString("kind")), Jdbc.uuid(rs, "alert_id"), rs.getString("text")))
                .list());
        members(group.id()).forEach(member -> lines.add(GroupChange.membership(member)));
        if (group.resolvedAt() != null) {
            lines.add(GroupChange.resolution(group));
        }
        lines.sort(GroupChange.ORDER);
        return lines;
    }

    /** Groups matching a filter, open before resolved, newest first. */
    Page<AlertGroup> page(GroupFilter filter, PageRequest page) {
        return page(filter, page, "CASE status WHEN 'OPEN' THEN 0 ELSE 1 END, last_alert_at DESC, id");
    }

    /** Groups matching a filter, open before resolved, the worst severity first, then the most recently begun. */
    Page<AlertGroup> pageWorstFirst(GroupFilter filter, PageRequest page) {
        return page(filter, page, "CASE status WHEN 'OPEN' THEN 0 ELSE 1 END, CASE severity WHEN 'CRITICAL' THEN 0"
                + " WHEN 'ERROR' THEN 1 WHEN 'WARNING' THEN 2 ELSE 3 END, first_alert_at DESC, id");
    }

    private Page<AlertGroup> page(GroupFilter filter, PageRequest page, String order) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new HashMap<String, Object>();
        anyOf(where, params, "status", filter.statuses());
        anyOf(where, params, "severity", filter.severities());
        var total = jdbc.sql("SELECT COUNT(*) FROM alert_group" + where).params(params).query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM alert_group" + where
                + " ORDER BY " + order + " LIMIT :limit OFFSET :offset").params(params).query(this::mapGroup).list();
        return page.toPage(items, total);
    }

    /** Narrows a query to rows whose column holds one of the values; no values, no narrowing. */
    private static void anyOf(StringBuilder where, Map<String, Object> params, String column,
            Collection<? extends Enum<?>> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (:").append(column).append(')');
            params.put(column, values.stream().map(Enum::name).toList());
        }
    }

    private static <T> List<Object[]> rows(Collection<T> items, Function<T, Object[]> row) {
        var rows = new ArrayList<Object[]>(items.size());
        items.forEach(item -> rows.add(row.apply(item)));
        return rows;
    }

    private static <K, T> List<T> inChunks(List<K> keys, Function<List<K>, List<T>> query) {
        var found = new ArrayList<T>();
        for (int from = 0; from < keys.size(); from += IN_BATCH) {
            found.addAll(query.apply(keys.subList(from, Math.min(keys.size(), from + IN_BATCH))));
        }
        return found;
    }

    private AlertGroup mapGroup(ResultSet rs, int n) throws SQLException {
        return new AlertGroup(Jdbc.uuid(rs, "id"), rs.getString("title"), GroupStatus.valueOf(rs.getString("status")),
                GroupReason.valueOf(rs.getString("reason")), Jdbc.uuid(rs, "rule_id"), rs.getString("rule_name"),
                rs.getString("group_key"), Jdbc.instant(rs, "first_alert_at"), Jdbc.instant(rs, "last_alert_at"),
                rs.getInt("member_count"), rs.getInt("open_critical") + rs.getInt("open_error")
                        + rs.getInt("open_warning") + rs.getInt("open_info"), Severity.valueOf(rs.getString("severity")),
                Jdbc.uuid(rs, "root_alert_id"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "resolved_at"));
    }

    private CiAlert mapCiAlert(ResultSet rs, int n) throws SQLException {
        return new CiAlert(Jdbc.uuid(rs, "group_id"), Jdbc.uuid(rs, "ci_id"), Jdbc.uuid(rs, "alert_id"),
                Jdbc.instant(rs, "first_seen"), rs.getString("summary"));
    }

    private GroupMember mapMember(ResultSet rs, int n) throws SQLException {
        return new GroupMember(Jdbc.uuid(rs, "alert_id"), Jdbc.uuid(rs, "group_id"), Jdbc.uuid(rs, "ci_id"),
                Severity.valueOf(rs.getString("severity")), rs.getBoolean("is_open"), Jdbc.instant(rs, "first_seen"),
                rs.getString("summary"), Jdbc.instant(rs, "joined_at"), rs.getString("reason"),
                rs.getBoolean("opened_group"));
    }
}
