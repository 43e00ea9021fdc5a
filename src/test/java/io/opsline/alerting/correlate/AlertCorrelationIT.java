package io.opsline.alerting.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroup;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupChange;
import io.opsline.alerting.internal.correlate.GroupMember;
import io.opsline.alerting.internal.correlate.GroupingRuleInput;
import io.opsline.alerting.internal.correlate.GroupingRules;
import io.opsline.alerting.internal.correlate.LabelMatcher;
import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * Alerts that come through the intake land in alert groups: by a grouping rule's key within its
 * window, by the topology of their CIs, or alone. Every test uses a source (and CIs) of its own;
 * every rule matches only its test's source.
 */
@OpslineIntegrationTest
class AlertCorrelationIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    AlertGroups groups;
    @Autowired
    GroupingRules rules;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private static String source() {
        return "correlate-" + UUID.randomUUID();
    }

    private static Event trigger(String source, String key, String alertname, CiHint ci, Instant at) {
        return new Event(source, key, EventAction.TRIGGER, Severity.ERROR, alertname + " " + key,
                Map.of("alertname", alertname), Map.of(), ci, at, null);
    }

    private static Event resolve(String source, String key, Instant at) {
        return new Event(source, key, EventAction.RESOLVE, Severity.INFO, "ok", Map.of(), Map.of(), CiHint.NONE, at,
                null);
    }

    private void ruleFor(String source, long windowSeconds, String... groupBy) {
        TestAccounts.actingAs("admin", Role.ADMIN, () -> rules.create(new GroupingRuleInput("by " + source,
                List.of(new LabelMatcher("source", source, false)), List.of(groupBy), windowSeconds, null)));
    }

    private Alert alert(String source, String key) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 500)).items()
                .stream().filter(a -> key.equals(a.dedupKey())).findFirst().orElseThrow();
    }

    private UUID groupOf(String source, String key) {
        return groups.groupOf(alert(source, key).id()).orElseThrow();
    }

    private AlertGroup group(UUID id) {
        return groups.find(id).orElseThrow();
    }

    @Test
    void alertsOfOneRuleKeyShareAGroupWithinTheWindowAndOpenANewOneAfterIt() {
        var source = source();
        ruleFor(source, 300, "alertname");
        intake.accept(List.of(trigger(source, "a", "DiskFull", CiHint.NONE, T),
                trigger(source, "b", "DiskFull", CiHint.NONE, T.plusSeconds(240)),
                trigger(source, "other", "CpuHigh", CiHint.NONE, T.plusSeconds(10))));
        // More than the window after the group's last alert (T + 240 s): a new group of the key.
        intake.accept(List.of(trigger(source, "late", "DiskFull", CiHint.NONE, T.plusSeconds(241 + 300))));

        var first = groupOf(source, "a");
        assertThat(groupOf(source, "b")).isEqualTo(first);
        assertThat(groupOf(source, "other")).isNotEqualTo(first);
        assertThat(groupOf(source, "late")).isNotIn(first, groupOf(source, "other"));
        var group = group(first);
        assertThat(group.reason()).isEqualTo(GroupReason.RULE);
        assertThat(group.groupKey()).isEqualTo("alertname=DiskFull");
        assertThat(group.ruleName()).isEqualTo("by " + source);
        assertThat(group.memberCount()).isEqualTo(2);
        assertThat(group.status()).isEqualTo(GroupStatus.OPEN);
        assertThat(group.firstAlertAt()).isEqualTo(T);
        assertThat(group.lastAlertAt()).isEqualTo(T.plusSeconds(240));
        assertThat(group.rootAlertId()).isEqualTo(alert(source, "a").id());
        assertThat(groups.timeline(first)).extracting(GroupChange::kind)
                .containsExactly(GroupChange.Kind.OPENED, GroupChange.Kind.ALERT_JOINED);
    }

    @Test
    void alertsOnADatabaseAndTheAppsConnectedToItAreOneGroupWithTheDatabaseAsRootCause() {
        var fixtures = new CiFixtures(cis, relationships);
        var db = fixtures.create("database", "orders-db-" + UUID.randomUUID());
        var api = fixtures.create("application", "orders-api-" + UUID.randomUUID());
        var billing = fixtures.create("application", "billing-" + UUID.randomUUID());
        fixtures.relate(api, "connected_to", db);
        fixtures.relate(billing, "connected_to", db);
        var source = source();

        // An app's alert comes first; the database's alert is still the root cause.
        intake.accept(List.of(trigger(source, "api", "Errors", on(api), T)));
        intake.accept(List.of(trigger(source, "db", "DbDown", on(db), T.plusSeconds(5))));
        intake.accept(List.of(trigger(source, "billing", "Errors", on(billing), T.plusSeconds(9))));

        var id = groupOf(source, "db");
        assertThat(groupOf(source, "api")).isEqualTo(id);
        assertThat(groupOf(source, "billing")).isEqualTo(id);
        var view = groups.get(id);
        assertThat(view.group().reason()).isEqualTo(GroupReason.TOPOLOGY);
        assertThat(view.group().rootAlertId()).isEqualTo(alert(source, "db").id());
        assertThat(view.group().title()).isEqualTo("DbDown db");
        assertThat(view.members()).extracting(GroupMember::alertId).containsExactly(alert(source, "db").id(),
                alert(source, "api").id(), alert(source, "billing").id());
        assertThat(groups.timeline(id)).extracting(GroupChange::kind).containsExactly(GroupChange.Kind.OPENED,
                GroupChange.Kind.ALERT_JOINED, GroupChange.Kind.ROOT_CAUSE_CHANGED, GroupChange.Kind.ALERT_JOINED);
    }

    @Test
    void aGroupResolvesWhenAllItsAlertsDoAndStaysResolved() {
        var fixtures = new CiFixtures(cis, relationships);
        var host = fixtures.create("server", "host-" + UUID.randomUUID());
        var vm = fixtures.create("virtual_machine", "vm-" + UUID.randomUUID());
        fixtures.relate(vm, "runs_on", host);
        var source = source();
        intake.accept(List.of(trigger(source, "host", "HostDown", on(host), T),
                trigger(source, "vm", "VmDown", on(vm), T.plusSeconds(1))));
        var id = groupOf(source, "host");
        assertThat(groupOf(source, "vm")).isEqualTo(id);

        intake.accept(List.of(resolve(source, "host", T.plusSeconds(60))));
        assertThat(group(id).status()).isEqualTo(GroupStatus.OPEN);
        assertThat(group(id).openCount()).isEqualTo(1);
        // The last one resolved by a person, not by its source.
        TestAccounts.actingAs("operator", Role.OPERATOR, () -> alerts.resolve(alert(source, "vm").id(), "operator"));

        var resolved = group(id);
        assertThat(resolved.status()).isEqualTo(GroupStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(groups.timeline(id)).extracting(GroupChange::kind).endsWith(GroupChange.Kind.RESOLVED);

        // Within the window of the resolved group and on the same CI: still a new group.
        intake.accept(List.of(trigger(source, "host", "HostDown", on(host), T.plusSeconds(120))));
        var again = groups.groupOf(alerts.list(new AlertFilter(null, null, source, null, false, null),
                new PageRequest(0, 10)).items().getFirst().id()).orElseThrow();
        assertThat(again).isNotEqualTo(id);
        assertThat(group(again).status()).isEqualTo(GroupStatus.OPEN);
        assertThat(group(id).status()).isEqualTo(GroupStatus.RESOLVED);
    }

    @Test
    void anAlertNothingRelatesToIsAGroupOfItsOwnThatIsItsTitle() {
        var source = source();
        intake.accept(List.of(trigger(source, "alone", "Lonely", CiHint.NONE, T)));

        var group = group(groupOf(source, "alone"));
        assertThat(group.reason()).isEqualTo(GroupReason.ALONE);
        assertThat(group.memberCount()).isEqualTo(1);
        assertThat(group.title()).isEqualTo("Lonely alone");
        assertThat(group.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void manySendersAtOnceOpenOneGroupPerRuleKey() throws Exception {
        var source = source();
        ruleFor(source, 600, "alertname");
        var senders = 8;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (int s = 0; s < senders; s++) {
                var sender = s;
                done.add(executor.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        intake.accept(List.of(trigger(source, sender + "-" + i, "Storm", CiHint.NONE,
                                T.plusSeconds(i))));
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }

        var all = alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 500)).items();
        assertThat(all).hasSize(senders * 10);
        assertThat(all.stream().map(a -> groups.groupOf(a.id()).orElseThrow()).distinct()).hasSize(1);
        assertThat(group(groups.groupOf(all.getFirst().id()).orElseThrow()).memberCount()).isEqualTo(senders * 10);
    }

    private static CiHint on(CiView ci) {
        return CiHint.of(ci.id());
    }
}
