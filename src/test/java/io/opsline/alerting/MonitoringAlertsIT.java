package io.opsline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.CheckStateChanged;
import io.opsline.monitoring.ServiceState;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;

/** Monitoring's confirmed state changes reach alerting as events, once their transaction is stored. */
@OpslineIntegrationTest
class MonitoringAlertsIT {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Alerts alerts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private Alert alertOf(UUID ciId) {
        var page = alerts.list(new AlertFilter(null, null, "monitoring", ciId, false, null), new PageRequest(0, 10));
        return page.items().isEmpty() ? null : page.items().getFirst();
    }

    @Test
    void aConfirmedProblemTriggersTheChecksAlertAndItsRecoveryResolvesIt() {
        var ci = new CiFixtures(cis, relationships).create("server", "monitored-" + UUID.randomUUID());
        var check = UUID.randomUUID();
        var at = Instant.now();

        publish(new CheckStateChanged(check, ci.id(), "disk /", ServiceState.WARNING, ServiceState.OK, 3,
                "DISK WARNING - free space: / 9%", at, null, false, false));
        publish(new CheckStateChanged(check, ci.id(), "disk /", ServiceState.CRITICAL, ServiceState.WARNING, 3,
                "DISK CRITICAL - free space: / 2%\nmore", at.plusSeconds(60), null, false, false));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var alert = alertOf(ci.id());
            assertThat(alert).isNotNull();
            assertThat(alert.occurrences()).isEqualTo(2);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.summary()).isEqualTo("disk / is CRITICAL: DISK CRITICAL - free space: / 2%");
            assertThat(alert.details()).containsEntry("output", "DISK CRITICAL - free space: / 2%\nmore");
        });

        publish(new CheckStateChanged(check, ci.id(), "disk /", ServiceState.OK, ServiceState.CRITICAL, 1,
                "DISK OK", at.plusSeconds(120), null, false, false));

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alertOf(ci.id()).status()).isEqualTo(AlertStatus.RESOLVED));
    }
}
