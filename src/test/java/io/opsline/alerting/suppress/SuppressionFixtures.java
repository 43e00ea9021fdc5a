package io.opsline.alerting.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertChange;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.platform.PageRequest;

/** Raises alerts through the intake and reads them back, for tests of what suppresses them. */
final class SuppressionFixtures {

    private final AlertIntake intake;
    private final Alerts alerts;

    SuppressionFixtures(AlertIntake intake, Alerts alerts) {
        this.intake = intake;
        this.alerts = alerts;
    }

    static String source() {
        return "suppress-" + UUID.randomUUID();
    }

    static Map<String, Object> matcher(String name, String operator, String value) {
        return Map.of("name", name, "operator", operator, "value", value);
    }

    /** Triggers the alert of {@code key} now and returns it. */
    Alert trigger(String source, String key, Severity severity, Map<String, String> labels, UUID ciId,
            Map<String, String> details) {
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, severity, key + " is wrong", labels, details,
                ciId == null ? CiHint.NONE : CiHint.of(ciId), Instant.now(), null)));
        return open(source, key);
    }

    Alert trigger(String source, String key, Severity severity, Map<String, String> labels) {
        return trigger(source, key, severity, labels, null, null);
    }

    void resolve(String source, String key) {
        intake.accept(List.of(new Event(source, key, EventAction.RESOLVE, Severity.INFO, "", null, null, null,
                Instant.now(), null)));
    }

    /** The one open alert of this source and key. */
    Alert open(String source, String key) {
        var found = alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 100))
                .items().stream().filter(a -> key.equals(a.dedupKey()) && a.status().isOpen()).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    Alert get(UUID id) {
        return alerts.get(id);
    }

    List<AlertChange.Kind> timeline(UUID id) {
        return alerts.timeline(id).stream().map(AlertChange::kind).toList();
    }
}
