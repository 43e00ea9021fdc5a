package io.opsline.alerting.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * A recovery handled before the problem it ends (monitoring's listeners run in parallel, senders
 * retry) must not leave that problem's alert firing for ever.
 */
@OpslineIntegrationTest
class ResolveBeforeTriggerIT {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;

    private static Event event(String source, EventAction action, Instant at) {
        return new Event(source, "check:1", action, Severity.CRITICAL, "disk / is CRITICAL", Map.of("check", "disk"),
                null, null, at, null);
    }

    private List<Alert> alertsOf(String source) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 50)).items();
    }

    @Test
    void aTriggerOlderThanAResolveHandledBeforeItOpensNothingAcrossBatches() {
        var source = "early-" + UUID.randomUUID();
        intake.accept(List.of(event(source, EventAction.RESOLVE, T.plusSeconds(60))));
        intake.accept(List.of(event(source, EventAction.TRIGGER, T)));
        intake.accept(List.of(event(source, EventAction.TRIGGER, T.plusSeconds(60))));

        assertThat(alertsOf(source)).isEmpty();
    }

    @Test
    void aTriggerOlderThanAResolveEarlierInTheSameBatchOpensNothing() {
        var source = "early-" + UUID.randomUUID();
        intake.accept(List.of(event(source, EventAction.RESOLVE, T.plusSeconds(60)),
                event(source, EventAction.TRIGGER, T)));

        assertThat(alertsOf(source)).isEmpty();
    }

    @Test
    void aTriggerNewerThanTheRememberedResolveOpensANewAlert() {
        var source = "early-" + UUID.randomUUID();
        intake.accept(List.of(event(source, EventAction.RESOLVE, T.plusSeconds(60))));
        intake.accept(List.of(event(source, EventAction.TRIGGER, T.plusSeconds(61))));
        var sameBatch = "early-" + UUID.randomUUID();
        intake.accept(List.of(event(sameBatch, EventAction.RESOLVE, T),
                event(sameBatch, EventAction.TRIGGER, T.plusSeconds(1))));

        assertThat(alertsOf(source)).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.firstSeen()).isEqualTo(T.plusSeconds(61));
        });
        assertThat(alertsOf(sameBatch)).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
    }
}
