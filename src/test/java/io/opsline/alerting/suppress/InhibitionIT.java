package io.opsline.alerting.suppress;

import static io.opsline.alerting.suppress.SuppressionFixtures.matcher;
import static io.opsline.alerting.suppress.SuppressionFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.ApiCalls;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** A problem that explains others keeps those others from everyone: by topology, by rule, by monitoring's word. */
@OpslineIntegrationTest
class InhibitionIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    ApiCalls api;
    SuppressionFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new SuppressionFixtures(intake, alerts);
    }

    @Test
    void aCriticalAlertOnAHostInhibitsLesserAlertsOnWhatRunsOnItUntilItIsResolved() {
        var ciFixtures = new CiFixtures(cis, relationships);
        var host = ciFixtures.create("server", "host-" + UUID.randomUUID());
        var vm = ciFixtures.create("server", "vm-" + UUID.randomUUID());
        ciFixtures.relate(vm, "runs_on", host);
        var source = source();
        var vmWarning = fixtures.trigger(source, "vm-disk", Severity.WARNING, Map.of("alertname", "Disk"), vm.id(),
                null);
        var vmError = fixtures.trigger(source, "vm-app", Severity.ERROR, Map.of("alertname", "App"), vm.id(), null);

        var hostDown = fixtures.trigger(source, "host", Severity.CRITICAL, Map.of("alertname", "Down"), host.id(),
                null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fixtures.get(vmWarning.id()).suppressedBy()).isEqualTo("inhibited-by:" + hostDown.id()));
        assertThat(fixtures.get(vmWarning.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(fixtures.get(vmError.id()).status()).isEqualTo(AlertStatus.FIRING);
        var later = fixtures.trigger(source, "vm-cpu", Severity.INFO, Map.of("alertname", "Cpu"), vm.id(), null);
        assertThat(later.suppressedBy()).isEqualTo("inhibited-by:" + hostDown.id());

        fixtures.resolve(source, "host");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixtures.get(vmWarning.id()).status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fixtures.get(later.id()).status()).isEqualTo(AlertStatus.FIRING);
        });
    }

    @Test
    void anInhibitionRuleSuppressesTargetsWithTheSameEqualLabelsWhileItsSourceIsOpen() {
        var source = source();
        var rule = new HashMap<String, Object>();
        rule.put("name", "node down silences its disks " + source);
        rule.put("sourceMatchers", List.of(matcher("source", "=", source), matcher("alertname", "=", "NodeDown")));
        rule.put("targetMatchers", List.of(matcher("source", "=", source), matcher("alertname", "=~", "Disk.*")));
        rule.put("equal", List.of("instance"));
        var created = api.post(accounts.admin().token(), "/api/v1/inhibition-rules", rule);
        assertThat(created).hasStatus(201);
        var ruleId = api.body(created).get("id").asString();
        var sameNode = fixtures.trigger(source, "disk-a", Severity.CRITICAL,
                Map.of("alertname", "DiskFull", "instance", "a"));
        var otherNode = fixtures.trigger(source, "disk-b", Severity.CRITICAL,
                Map.of("alertname", "DiskFull", "instance", "b"));
        assertThat(sameNode.status()).isEqualTo(AlertStatus.FIRING);

        var nodeDown = fixtures.trigger(source, "node-a", Severity.CRITICAL,
                Map.of("alertname", "NodeDown", "instance", "a"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fixtures.get(sameNode.id()).suppressedBy()).isEqualTo("inhibited-by:" + nodeDown.id()));
        assertThat(fixtures.get(otherNode.id()).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fixtures.get(nodeDown.id()).status()).isEqualTo(AlertStatus.FIRING);
        var again = fixtures.trigger(source, "disk-a2", Severity.WARNING,
                Map.of("alertname", "DiskSlow", "instance", "a"));
        assertThat(again.suppressedBy()).isEqualTo("inhibited-by:" + nodeDown.id());

        assertThat(api.delete(accounts.admin().token(), "/api/v1/inhibition-rules/" + ruleId)).hasStatus(204);
        assertThat(fixtures.get(sameNode.id()).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fixtures.get(again.id()).status()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void badInhibitionRulesAreRefusedAndOnlyAdminsChangeThem() {
        var rule = new HashMap<String, Object>();
        rule.put("name", "");
        rule.put("sourceMatchers", List.of(matcher("alertname", "=~", "Node(")));
        rule.put("targetMatchers", List.of());
        var refused = api.post(accounts.admin().token(), "/api/v1/inhibition-rules", rule);
        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("name", "sourceMatchers[0].value",
                "targetMatchers");
        assertThat(api.post(accounts.operator().token(), "/api/v1/inhibition-rules", rule)).hasStatus(403);
    }

    @Test
    void anEventCausedByAnotherCiIsSuppressedAsItsConsequence() {
        var source = source();
        var parent = UUID.randomUUID();
        var alert = fixtures.trigger(source, "k", Severity.CRITICAL, Map.of("check", "http"), null,
                Map.of("caused_by_ci", parent.toString()));

        assertThat(alert.status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(alert.suppressedBy()).isEqualTo("caused-by-ci:" + parent);
    }
}
