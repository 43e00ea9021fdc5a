package io.opsline.alerting.internal.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.Role;
import io.opsline.monitoring.CaughtEvents;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/** A silence that runs its course lets its alerts fire again, through the periodic refresh, announced once. */
@OpslineIntegrationTest
class SilenceEndIT {

    @Autowired
    Silences silences;
    @Autowired
    SuppressionReconciler reconciler;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    ApplicationContext context;

    private Alert alertOf(String source) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 5)).items()
                .getFirst();
    }

    @Test
    void whenASilenceEndsItsAlertsFireAgainOnce() {
        var source = "silence-end-" + UUID.randomUUID();
        var ends = Instant.now().plusSeconds(2);
        var silence = TestAccounts.actingAs("operator", Role.OPERATOR, () -> silences.create(new SilenceInput(
                List.of(new MatcherInput("source", "=", source)), null, ends.toString(), "short one", null),
                "operator")).silence();
        intake.accept(List.of(new Event(source, "k", EventAction.TRIGGER, Severity.CRITICAL, "down", null, null, null,
                Instant.now(), null)));
        assertThat(alertOf(source).suppressedBy()).isEqualTo("silence:" + silence.id());

        try (var fired = CaughtEvents.of(context, AlertFired.class)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                // A second refresh, as another node would run it, finds nothing left to change.
                reconciler.refresh();
                reconciler.refresh();
                assertThat(alertOf(source).status()).isEqualTo(AlertStatus.FIRING);
            });
            var id = alertOf(source).id();
            assertThat(fired.matching(e -> e.alertId().equals(id))).hasSize(1);
        }
    }
}
