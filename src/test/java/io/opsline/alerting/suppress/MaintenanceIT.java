package io.opsline.alerting.suppress;

import static io.opsline.alerting.suppress.SuppressionFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** A downtime scheduled in monitoring keeps alerts on its CIs, from any source, from everyone while it lasts. */
@OpslineIntegrationTest
class MaintenanceIT {

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
    void aDowntimeSuppressesAlertsOnItsCiAndItsEndMakesThemActiveAgain() {
        var ci = new CiFixtures(cis, relationships).create("server", "maint-" + UUID.randomUUID()).id();
        var source = source();
        var before = fixtures.trigger(source, "disk", Severity.CRITICAL, Map.of("alertname", "DiskFull"), ci, null);
        var elsewhere = fixtures.trigger(source, "other", Severity.CRITICAL, Map.of("alertname", "DiskFull"));

        var now = Instant.now();
        var created = api.post(accounts.operator().token(), "/api/v1/downtimes", Map.of("ci", ci.toString(),
                "comment", "Firmware upgrade", "start", now.minus(1, ChronoUnit.MINUTES).toString(),
                "end", now.plus(1, ChronoUnit.HOURS).toString()));
        assertThat(created).hasStatus(201);
        var downtime = api.body(created).get("id").asString();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixtures.get(before.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
            assertThat(fixtures.get(before.id()).suppressedBy()).isEqualTo("maintenance:" + downtime);
        });
        assertThat(fixtures.get(elsewhere.id()).status()).isEqualTo(AlertStatus.FIRING);
        var during = fixtures.trigger(source, "cpu", Severity.WARNING, Map.of("alertname", "CpuHigh"), ci, null);
        assertThat(during.status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(during.suppressedBy()).isEqualTo("maintenance:" + downtime);
        var listed = api.body(api.get(accounts.viewer().token(), "/api/v1/maintenance-windows"));
        assertThat(listed.valueStream().filter(w -> w.get("downtimeId").asString().equals(downtime)))
                .singleElement().satisfies(w -> {
                    assertThat(w.get("active").asBoolean()).isTrue();
                    assertThat(w.get("comment").asString()).isEqualTo("Firmware upgrade");
                });

        assertThat(api.delete(accounts.operator().token(), "/api/v1/downtimes/" + downtime)).hasStatus(204);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixtures.get(before.id()).status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fixtures.get(during.id()).status()).isEqualTo(AlertStatus.FIRING);
        });
        var ended = api.body(api.get(accounts.viewer().token(), "/api/v1/maintenance-windows"));
        assertThat(ended.valueStream().filter(w -> w.get("downtimeId").asString().equals(downtime)))
                .singleElement().satisfies(w -> {
                    assertThat(w.get("active").asBoolean()).isFalse();
                    assertThat(w.get("cancelled").asBoolean()).isTrue();
                });
    }

    @Test
    void anEventThatSaysItsCiIsInDowntimeOpensSuppressed() {
        var source = source();
        var alert = fixtures.trigger(source, "k", Severity.CRITICAL, Map.of("alertname", "Down"), null,
                Map.of("in_downtime", "true"));

        assertThat(alert.status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(alert.suppressedBy()).isEqualTo("maintenance:in-downtime");
    }
}
