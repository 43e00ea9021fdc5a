package io.opsline.alerting.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.identity.Role;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * Several nodes sharing one database place alerts of one rule key at the same moment, each in its
 * own transaction, as their intakes would: one open group for the key, holding every alert. A node
 * that lost the race applies its batch again, as the intake does.
 */
@OpslineIntegrationTest
class RuleGroupsAcrossNodesIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

    @Autowired
    Correlation correlation;
    @Autowired
    GroupingRules rules;
    @Autowired
    AlertGroups groups;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void nodesOpeningOneKeyAtOnceMakeOneOpenGroup() throws Exception {
        var source = "nodes-" + UUID.randomUUID();
        var rule = TestAccounts.actingAs("admin", Role.ADMIN, () -> rules.create(new GroupingRuleInput("nodes " + source,
                List.of(new LabelMatcher("source", source, false)), List.of("alertname"), 600L, null)));
        var nodes = 8;
        var stored = new ArrayList<Alert>();
        for (int i = 0; i < nodes; i++) {
            stored.add(storedAlert(source, "k" + i, T.plusSeconds(i)));
        }
        var start = new CyclicBarrier(nodes);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (var alert : stored) {
                done.add(executor.submit(() -> {
                    start.await();
                    try {
                        transactions.executeWithoutResult(tx -> correlation.place(List.of(alert), List.of()));
                    } catch (DuplicateKeyException e) {
                        transactions.executeWithoutResult(tx -> correlation.place(List.of(alert), List.of()));
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_group WHERE rule_id = ? AND status = 'OPEN'")
                .param(rule.id()).query(Long.class).single()).isEqualTo(1);
        var group = groups.groupOf(stored.getFirst().id()).orElseThrow();
        assertThat(stored).allSatisfy(alert -> assertThat(groups.groupOf(alert.id())).contains(group));
        assertThat(groups.find(group).orElseThrow().memberCount()).isEqualTo(nodes);
    }

    /** An alert as the intake would have stored it, before correlation saw it. */
    private Alert storedAlert(String source, String key, Instant at) {
        var alert = new Alert(UUID.randomUUID(), UUID.randomUUID().toString().replace("-", "").repeat(2), source, key,
                AlertStatus.FIRING, Severity.CRITICAL, "storm " + key, null, null, Map.of("alertname", "Storm"),
                Map.of(), null, at, at, 1, null, null, null, null, null, 0);
        jdbc.sql("INSERT INTO alert (id, fingerprint, open_fingerprint, source, dedup_key, status, severity, summary,"
                + " labels, details, first_seen, last_seen, occurrences, version)"
                + " VALUES (?, ?, ?, ?, ?, 'FIRING', 'CRITICAL', ?, '{\"alertname\":\"Storm\"}', '{}', ?, ?, 1, 0)")
                .params(alert.id(), alert.fingerprint(), alert.fingerprint(), source, key, alert.summary(),
                        Jdbc.timestamp(at), Jdbc.timestamp(at))
                .update();
        return alert;
    }
}
