package io.opsline.alerting.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.monitoring.CheckStateChanged;
import io.opsline.monitoring.HostState;
import io.opsline.monitoring.HostStateChanged;
import io.opsline.monitoring.ServiceState;

/**
 * Monitoring's confirmed state changes as events: a check's problem triggers its alert, its
 * recovery resolves it; likewise a host going down and coming back. Each check and each host has
 * one fingerprint, so a check that goes from WARNING to CRITICAL changes its open alert's severity
 * instead of opening another.
 *
 * <p>The events come through the event publication registry: stored with monitoring's own
 * transaction and handed here until this returns, also after a crash. Handled on their own thread
 * and outside any transaction, because storing waits for the intake's next batch, and a database
 * connection held while waiting would be one the intake might need.
 */
@Component
class MonitoringEvents {

    static final String SOURCE = "monitoring";

    private final AlertIntake intake;

    MonitoringEvents(AlertIntake intake) {
        this.intake = intake;
    }

    @Async
    @TransactionalEventListener
    void on(CheckStateChanged changed) {
        var action = changed.state() == ServiceState.OK ? EventAction.RESOLVE : EventAction.TRIGGER;
        var severity = switch (changed.state()) {
            case CRITICAL -> Severity.CRITICAL;
            case WARNING, UNKNOWN -> Severity.WARNING;
            case OK -> Severity.INFO;
        };
        var labels = new LinkedHashMap<String, String>();
        labels.put("check", changed.checkName());
        labels.put("state", changed.state().name());
        var details = details(changed.output(), changed.causedByCiId(), changed.inDowntime(), changed.flapping());
        details.put("attempt", Integer.toString(changed.attempt()));
        intake.accept(List.of(new Event(SOURCE, "check:" + changed.checkId(), action, severity,
                changed.checkName() + " is " + changed.state() + ": " + firstLine(changed.output()), labels, details,
                CiHint.of(changed.ciId()), changed.at(), null)));
    }

    @Async
    @TransactionalEventListener
    void on(HostStateChanged changed) {
        var action = changed.state() == HostState.UP ? EventAction.RESOLVE : EventAction.TRIGGER;
        var severity = changed.state() == HostState.DOWN ? Severity.CRITICAL : Severity.WARNING;
        var name = changed.ciName() == null ? "Host" : changed.ciName();
        intake.accept(List.of(new Event(SOURCE, "host:" + changed.ciId(), action, severity,
                name + " is " + changed.state(), Map.of("host_state", changed.state().name()),
                details(changed.output(), changed.causedByCiId(), false, false), CiHint.of(changed.ciId()),
                changed.at(), null)));
    }

    private static Map<String, String> details(String output, UUID causedBy, boolean inDowntime,
            boolean flapping) {
        var details = new LinkedHashMap<String, String>();
        if (output != null) {
            details.put("output", output);
        }
        if (causedBy != null) {
            details.put("caused_by_ci", causedBy.toString());
        }
        if (inDowntime) {
            details.put("in_downtime", "true");
        }
        if (flapping) {
            details.put("flapping", "true");
        }
        return details;
    }

    private static String firstLine(String output) {
        if (output == null) {
            return "";
        }
        var end = output.indexOf('\n');
        return end < 0 ? output : output.substring(0, end);
    }
}
