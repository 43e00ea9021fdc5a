package io.opsline.alerting.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * The alerting migrations run up to V10, where every timeline line was stored; a resolved group of
 * two alerts is written as the old code wrote it, and after the remaining migrations its timeline
 * reads as it did, from the lines still stored and the rows that now make the others.
 */
@ExtendWith(RequiresTestDatabase.class)
class TimelineLinesMigrationIT {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    private MigrationDatabase scratch;
    private DataSource database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void createDatabase() throws SQLException {
        scratch = MigrationDatabase.create("alerting");
        database = scratch.dataSource();
        jdbc = new JdbcTemplate(database);
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private void oldAlert(UUID id, Instant firstSeen, Instant resolvedAt) {
        jdbc.update("INSERT INTO alert (id, fingerprint, open_fingerprint, source, dedup_key, status, severity, summary,"
                + " labels, details, first_seen, last_seen, occurrences, resolved_at, resolved_by, version)"
                + " VALUES (?, ?, NULL, 'am', NULL, 'RESOLVED', 'CRITICAL', ?, '{}', '{}', ?, ?, 1, ?, 'am', 1)", id,
                "f" + id, "down " + id, Jdbc.timestamp(firstSeen), Jdbc.timestamp(firstSeen), Jdbc.timestamp(resolvedAt));
        line("alert_history", id, firstSeen, "OPENED", "FIRING");
        line("alert_history", id, resolvedAt, "RESOLVED", "RESOLVED");
    }

    private void line(String table, UUID alertId, Instant at, String kind, String status) {
        jdbc.update("INSERT INTO " + table + " (id, alert_id, at, kind, status, severity, actor, text)"
                + " VALUES (?, ?, ?, ?, ?, 'CRITICAL', 'am', NULL)", UUID.randomUUID(), alertId, Jdbc.timestamp(at), kind,
                status);
    }

    private void groupLine(UUID groupId, Instant at, String kind, UUID alertId, String text) {
        jdbc.update("INSERT INTO alert_group_history (id, group_id, at, kind, alert_id, text) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), groupId, Jdbc.timestamp(at), kind, alertId, text);
    }

    private void member(UUID alertId, UUID groupId, Instant firstSeen, String reason) {
        jdbc.update("INSERT INTO alert_group_member (alert_id, group_id, ci_id, severity, is_open, first_seen, summary,"
                + " joined_at, reason) VALUES (?, ?, NULL, 'CRITICAL', FALSE, ?, 's', ?, ?)", alertId, groupId,
                Jdbc.timestamp(firstSeen), Jdbc.timestamp(firstSeen), reason);
    }

    @Test
    void aGroupsTimelineReadsAsItDidAndOnlyLinesNoRowHoldsStayStored() throws SQLException {
        scratch.migrateTo("10");
        assertThat(foreignKeysTo(List.of("alert", "alert_group"))).as("the keys there were")
                .contains("alert_history -> alert", "alert_group_member -> alert", "alert_group_member -> alert_group",
                        "alert_escalation -> alert_group");
        var opener = UUID.randomUUID();
        var joiner = UUID.randomUUID();
        var group = UUID.randomUUID();
        oldAlert(opener, T, T.plusSeconds(300));
        oldAlert(joiner, T.plusSeconds(20), T.plusSeconds(200));
        jdbc.update("INSERT INTO alert_group (id, title, status, reason, rule_id, rule_name, group_key, open_group_key,"
                + " first_alert_at, last_alert_at, member_count, open_critical, open_error, open_warning, open_info,"
                + " severity, root_alert_id, created_at, resolved_at) VALUES (?, 's', 'RESOLVED', 'TOPOLOGY', NULL, NULL,"
                + " NULL, NULL, ?, ?, 2, 0, 0, 0, 0, 'CRITICAL', ?, ?, ?)", group, Jdbc.timestamp(T),
                Jdbc.timestamp(T.plusSeconds(20)), joiner, Jdbc.timestamp(T), Jdbc.timestamp(T.plusSeconds(300)));
        member(opener, group, T, "opened the group");
        member(joiner, group, T.plusSeconds(20), "topology: related");
        groupLine(group, T, "OPENED", opener, "opened the group");
        groupLine(group, T.plusSeconds(20), "ALERT_JOINED", joiner, "topology: related");
        groupLine(group, T.plusSeconds(20), "ROOT_CAUSE_CHANGED", joiner, "root cause is now the other");
        groupLine(group, T.plusSeconds(300), "RESOLVED", null, "every alert is resolved");

        scratch.migrateTo("latest");

        var repository = new AlertGroupRepository(JdbcClient.create(database), jdbc, DatabaseEngine.of(database));
        var timeline = repository.history(repository.find(group).orElseThrow());
        assertThat(timeline).extracting(GroupChange::at, GroupChange::kind, GroupChange::alertId, GroupChange::text)
                .containsExactly(tuple(T, GroupChange.Kind.OPENED, opener, "opened the group"),
                        tuple(T.plusSeconds(20), GroupChange.Kind.ALERT_JOINED, joiner, "topology: related"),
                        tuple(T.plusSeconds(20), GroupChange.Kind.ROOT_CAUSE_CHANGED, joiner,
                                "root cause is now the other"),
                        tuple(T.plusSeconds(300), GroupChange.Kind.RESOLVED, null, "every alert is resolved"));
        assertThat(jdbc.queryForList("SELECT kind FROM alert_group_history", String.class))
                .containsExactly("ROOT_CAUSE_CHANGED");
        assertThat(jdbc.queryForList("SELECT kind FROM alert_history", String.class)).containsOnly("OPENED").hasSize(2);
        assertThat(foreignKeysTo(List.of("alert", "alert_group"))).as("keys the intake's rows no longer check").isEmpty();
    }

    /** The foreign keys of the intake's tables that point at these tables, as "child -> parent". */
    private List<String> foreignKeysTo(List<String> parents) throws SQLException {
        var found = new ArrayList<String>();
        try (var connection = database.getConnection()) {
            var metadata = connection.getMetaData();
            for (var child : List.of("alert_history", "alert_activity", "alert_group_member", "alert_group_ci",
                    "alert_group_history", "alert_group_unrouted", "alert_escalation")) {
                var table = metadata.storesUpperCaseIdentifiers() ? child.toUpperCase(Locale.ROOT) : child;
                try (var keys = metadata.getImportedKeys(null, connection.getSchema(), table)) {
                    while (keys.next()) {
                        var parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                        if (parents.contains(parent)) {
                            found.add(child + " -> " + parent);
                        }
                    }
                }
            }
        }
        return found;
    }
}
