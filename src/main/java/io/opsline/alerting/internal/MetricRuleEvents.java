package io.opsline.alerting.internal;

import java.util.List;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.metrics.MetricRuleAlert;

/**
 * Metrics' threshold rules as events: a series that starts firing triggers its alert, one that
 * clears resolves it. Delivered through the event publication registry like monitoring's changes
 * ({@link MonitoringEvents}), so a rule's state committed is an alert raised, also after a crash.
 */
@Component
class MetricRuleEvents {

    static final String SOURCE = "metrics";

    private final AlertIntake intake;

    MetricRuleEvents(AlertIntake intake) {
        this.intake = intake;
    }

    @Async
    @TransactionalEventListener
    void on(MetricRuleAlert alert) {
        intake.accept(List.of(new Event(SOURCE, alert.dedupKey(),
                alert.firing() ? EventAction.TRIGGER : EventAction.RESOLVE, Severity.valueOf(alert.severity().name()),
                alert.summary(), alert.labels(), alert.details(),
                alert.ciId() == null ? CiHint.NONE : CiHint.of(alert.ciId()), alert.at(), alert.link())));
    }
}
