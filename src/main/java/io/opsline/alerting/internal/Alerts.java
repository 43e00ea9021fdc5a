package io.opsline.alerting.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alerts as people read and handle them. */
@Service
public class Alerts {

    private final AlertRepository alerts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Alerts(AlertRepository alerts, AuditLog audit, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.audit = audit;
        this.events = events;
    }

    public Page<Alert> list(AlertFilter filter, PageRequest page) {
        return alerts.page(filter, page);
    }

    public Alert get(UUID id) {
        return alerts.find(id).orElseThrow(() -> new NotFoundException("Alert", id));
    }

    public List<AlertChange> timeline(UUID id) {
        get(id);
        return alerts.history(id);
    }

    /** Someone is on it. Acknowledging an acknowledged alert changes nothing; a resolved one cannot be. */
    @Transactional
    public Alert acknowledge(UUID id, String by) {
        var alert = alerts.findForUpdate(id).orElseThrow(() -> new NotFoundException("Alert", id));
        if (alert.status() == AlertStatus.ACKNOWLEDGED) {
            return alert;
        }
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new ConflictException("Alert " + id + " is resolved already");
        }
        var now = Jdbc.now();
        var next = alert.acknowledged(now, by);
        store(alert, next, AlertChange.of(next, now, AlertChange.Kind.ACKNOWLEDGED, by, null),
                "alert.acknowledge", "Acknowledged alert " + alert.summary());
        events.publishEvent(new AlertAcknowledged(id, by, now));
        return next;
    }

    /** It is over, as a person says; a new trigger opens a new alert. */
    @Transactional
    public Alert resolve(UUID id, String by) {
        var alert = alerts.findForUpdate(id).orElseThrow(() -> new NotFoundException("Alert", id));
        if (alert.status() == AlertStatus.RESOLVED) {
            return alert;
        }
        var now = Jdbc.now();
        var next = alert.resolved(now, by);
        store(alert, next, AlertChange.of(next, now, AlertChange.Kind.RESOLVED, by, null), "alert.resolve",
                "Resolved alert " + alert.summary());
        events.publishEvent(new AlertResolved(id, by, now));
        return next;
    }

    private void store(Alert before, Alert after, AlertChange change, String action, String summary) {
        alerts.updateAll(List.of(after));
        alerts.appendHistory(List.of(change));
        audit.record(new AuditEntry(action, "alert", after.id().toString(), summary, before.status(), after.status()));
    }
}
